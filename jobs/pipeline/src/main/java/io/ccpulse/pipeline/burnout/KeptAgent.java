package io.ccpulse.pipeline.burnout;

import java.util.Arrays;

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

  public BurnoutInput[] waiting = new BurnoutInput[0];

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

  /** Whether an input waits at {@code at}. */
  boolean waitsAt(long at) {
    for (BurnoutInput in : waiting) {
      if (in.at == at) {
        return true;
      }
      if (in.at > at) {
        return false;
      }
    }
    return false;
  }

  /** Adds {@code in} after every input of its instant or earlier. */
  void wait(BurnoutInput in) {
    int i = waiting.length;
    while (i > 0 && waiting[i - 1].at > in.at) {
      i--;
    }
    BurnoutInput[] more = new BurnoutInput[waiting.length + 1];
    System.arraycopy(waiting, 0, more, 0, i);
    more[i] = in;
    System.arraycopy(waiting, i, more, i + 1, waiting.length - i);
    waiting = more;
  }

  /** Takes back the waiting input {@code retraction} cancels; false if none waits. */
  boolean cancel(BurnoutInput retraction) {
    for (int i = 0; i < waiting.length; i++) {
      if (waiting[i].at == retraction.at && waiting[i].cancels(retraction)) {
        BurnoutInput[] fewer = new BurnoutInput[waiting.length - 1];
        System.arraycopy(waiting, 0, fewer, 0, i);
        System.arraycopy(waiting, i + 1, fewer, i, waiting.length - i - 1);
        waiting = fewer;
        return true;
      }
    }
    return false;
  }

  /** Takes out the inputs waiting at {@code at} (none earlier wait), in the order they came. */
  BurnoutInput[] takeAt(long at) {
    int n = 0;
    while (n < waiting.length && waiting[n].at == at) {
      n++;
    }
    BurnoutInput[] due = Arrays.copyOf(waiting, n);
    waiting = Arrays.copyOfRange(waiting, n, waiting.length);
    return due;
  }
}
