package io.ccpulse.simulator.model;

import java.util.List;

/**
 * One agent: the queues served, the shifts (one on a simulated day, several on a rota), whether the
 * agent is strained on purpose on a day (long shift, skipped breaks, demanding contacts back to
 * back) and how its work changes over the weeks of a rota, for the burnout indicators to find.
 *
 * @param capacity most contacts at once (the agent's chat concurrency; 1 for voice and email)
 * @param shifts in time order, never overlapping
 */
public record AgentProfile(
    String id,
    String tenantId,
    ChannelGroup group,
    List<String> queueIds,
    int capacity,
    boolean strained,
    List<Shift> shifts,
    Trajectory trajectory) {

  /** When the agent first logs in. */
  public long shiftStartMillis() {
    return shifts.get(0).startMillis();
  }

  /** When the agent's last shift is planned to end. */
  public long shiftEndMillis() {
    return shifts.get(shifts.size() - 1).endMillis();
  }
}
