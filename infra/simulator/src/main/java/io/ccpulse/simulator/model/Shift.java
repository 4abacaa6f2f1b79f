package io.ccpulse.simulator.model;

import java.util.List;

/**
 * One shift of an agent: log in at {@code startMillis}, log out at {@code endMillis} (later if
 * still on a contact, or the last one left for a queue with contacts waiting), the breaks planned
 * in it, and how the agent works that day.
 */
public record Shift(
    long startMillis, long endMillis, List<PlannedState> plannedStates, Pace pace) {}
