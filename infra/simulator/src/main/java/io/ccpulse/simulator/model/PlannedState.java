package io.ccpulse.simulator.model;

import io.ccpulse.events.AgentState;

/**
 * An unavailable period planned in a shift (break, meal, training). If the agent is on a contact
 * when it comes due, it starts when the agent is free and keeps its length.
 */
public record PlannedState(AgentState state, long startMillis, long lengthMillis) {}
