package io.ccpulse.pipeline.burnout;

/**
 * What the burnout assessor keeps for one agent, in one keyed state (one look-up and one write per
 * input or timer): the shift, its next interval boundary, the inputs waiting for their time (in
 * time order, an instant's in the order they came), and the instant the agent's one timer is set
 * for. The baseline and the recent presence ids are kept apart: they change rarely, and expire by
 * themselves.
 */
public class KeptAgent {
  public static final long NONE = Long.MIN_VALUE;

  /** The shift, null between shifts. */
  public ShiftState shift;

  /** The shift's next boundary; {@link #NONE} without one. */
  public long tick = NONE;

  /**
   * Whether the boundary is due when the clock reaches it (live), or waits for the next input (a
   * bounded input's, after its last).
   */
  public boolean tickTimed;

  public BurnoutInput[] waiting = Waiting.NONE;

  /** The instant the timer was last set for; {@link #NONE} if none is known. */
  public long timerAt = NONE;

  public KeptAgent() {}

  /** The first instant something is due: the first waiting input, or a timed boundary. */
  long due() {
    long first = waiting.length == 0 ? NONE : waiting[0].at;
    if (tickTimed && tick != NONE && (first == NONE || tick < first)) {
      return tick;
    }
    return first;
  }

  boolean isEmpty() {
    return shift == null && tick == NONE && waiting.length == 0;
  }
}
