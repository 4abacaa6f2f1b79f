package io.ccpulse.simulator.model;

/**
 * How an agent's work changes over the weeks of a rota (what the burnout baselines should notice).
 * The first week is the same for all; the change starts in the second.
 */
public enum Trajectory {
  /** Works the same way every week. */
  STEADY,
  /**
   * Strain building: slower contacts day by day (talk and wrap-up 1.8 × by the second week's
   * Friday), more breaks skipped, overtime, no recovery pauses, tired scores late in the shift; on
   * chat, takes new chats before colleagues (more at once).
   */
  STRAIN,
  /**
   * Rushing: handle time falls sharply in the second week (talk 0.55 ×, wrap-up 0.5 ×), more
   * transfers, CSAT with it; breaks kept.
   */
  RUSH
}
