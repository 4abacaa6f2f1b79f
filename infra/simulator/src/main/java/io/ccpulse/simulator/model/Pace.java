package io.ccpulse.simulator.model;

/**
 * How an agent works on one shift, relative to the channel's usual: the simulator's strained agents
 * and the weekly rota's changing agents are paces, everyone else works at {@link #USUAL}.
 *
 * @param talk multiplies talk time (1.25: demanding contacts; 0.55: rushing)
 * @param acw multiplies after-contact work
 * @param transfer multiplies the chance of a transfer
 * @param csatDrop lowers the mean survey score of every contact
 * @param tiredCsatDrop lowers it further more than six hours into the shift
 * @param breathers takes a short pause after a demanding contact (30 % of the time)
 * @param eager takes new chats before colleagues with fewer open, and one more at once than the
 *     channel allows the others (more contacts at once)
 */
public record Pace(
    double talk,
    double acw,
    double transfer,
    double csatDrop,
    double tiredCsatDrop,
    boolean breathers,
    boolean eager) {
  /** Everybody's usual pace. */
  public static final Pace USUAL = new Pace(1, 1, 1, 0, 0, true, false);

  /** The default day's strained agents: demanding contacts, hurried wrap-up, no recovery pauses. */
  public static final Pace STRAINED = new Pace(1.25, 0.6, 1.5, 0, 0.6, false, false);
}
