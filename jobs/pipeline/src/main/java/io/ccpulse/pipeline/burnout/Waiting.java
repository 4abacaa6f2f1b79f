package io.ccpulse.pipeline.burnout;

import io.ccpulse.pipeline.source.TimeOrder;
import java.util.Arrays;

/**
 * Inputs waiting for their time, kept in an array in time order (an instant's in the order they
 * came): what the keyed stages of burnout hold in their one state, with one timer at the first.
 */
final class Waiting {
  private Waiting() {}

  static final BurnoutInput[] NONE = new BurnoutInput[0];

  /**
   * {@code waiting} with {@code in} held: without the input it cancels if one waits (a retraction
   * meeting its input), else with it.
   */
  static BurnoutInput[] hold(BurnoutInput[] waiting, BurnoutInput in) {
    BurnoutInput[] fewer = cancel(waiting, in);
    return fewer != waiting ? fewer : TimeOrder.insert(waiting, in, i -> i.at);
  }

  /**
   * {@code waiting} without the input {@code retraction} cancels (the first that came, of equal
   * ones); the same array if none waits. Only the inputs of its instant are looked at, found from
   * the end, where a new input's instant mostly is.
   */
  private static BurnoutInput[] cancel(BurnoutInput[] waiting, BurnoutInput retraction) {
    int first = waiting.length;
    while (first > 0 && waiting[first - 1].at >= retraction.at) {
      first--;
    }
    for (int i = first; i < waiting.length && waiting[i].at == retraction.at; i++) {
      if (waiting[i].cancels(retraction)) {
        BurnoutInput[] fewer = new BurnoutInput[waiting.length - 1];
        System.arraycopy(waiting, 0, fewer, 0, i);
        System.arraycopy(waiting, i + 1, fewer, i, waiting.length - i - 1);
        return fewer;
      }
    }
    return waiting;
  }

  /**
   * The inputs waiting at {@code at}, at the start of {@code waiting} (none earlier wait), in the
   * order they came; {@link #after} is what stays.
   */
  static BurnoutInput[] due(BurnoutInput[] waiting, long at) {
    int n = 0;
    while (n < waiting.length && waiting[n].at == at) {
      n++;
    }
    return Arrays.copyOf(waiting, n);
  }

  /** Whether an input waits at {@code at}. */
  static boolean holds(BurnoutInput[] waiting, long at) {
    for (BurnoutInput in : waiting) {
      if (in.at >= at) {
        return in.at == at;
      }
    }
    return false;
  }

  /** {@code waiting} without its first {@code n}. */
  static BurnoutInput[] after(BurnoutInput[] waiting, int n) {
    return Arrays.copyOfRange(waiting, n, waiting.length);
  }
}
