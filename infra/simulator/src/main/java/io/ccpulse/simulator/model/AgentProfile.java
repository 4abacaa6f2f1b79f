package io.ccpulse.simulator.model;

import java.util.List;

/**
 * One agent: the queues served, the shift, and whether the agent is strained on purpose (long
 * shift, skipped breaks, demanding contacts back to back) for the burnout indicators to find.
 *
 * @param capacity most contacts at once (the agent's chat concurrency; 1 for voice and email)
 * @param shiftStartMillis when the agent logs in
 * @param shiftEndMillis when the agent logs out (later if still on a contact, or the last one left
 *     for a queue with contacts waiting)
 */
public record AgentProfile(
    String id,
    String tenantId,
    ChannelGroup group,
    List<String> queueIds,
    int capacity,
    boolean strained,
    long shiftStartMillis,
    long shiftEndMillis,
    List<PlannedState> plannedStates) {}
