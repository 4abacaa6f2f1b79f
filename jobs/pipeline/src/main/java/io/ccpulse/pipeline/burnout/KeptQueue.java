package io.ccpulse.pipeline.burnout;

import java.util.Arrays;

/**
 * What the queue's usual handle time keeps for one queue, in one keyed state: its legs' handle time
 * and count per hour over the baseline period, with their running total (so the usual is had
 * without summing the period again), and the legs waiting for their time, with one timer at the
 * first.
 */
public class KeptQueue {
  public static final long NONE = Long.MIN_VALUE;
  static final long HOUR = 3_600_000;

  /** The hours that have legs, oldest first; per hour the handle time and the legs. */
  public long[] hours = new long[0];

  public long[] handleMs = new long[0];
  public long[] legs = new long[0];

  /** The sums over {@link #hours}. */
  public long totalHandleMs;

  public long totalLegs;

  public BurnoutInput[] waiting = Waiting.NONE;

  /** The instant the timer was last set for; {@link #NONE} if none is known. */
  public long timerAt = NONE;

  public KeptQueue() {}

  /** Counts a leg (a retraction: takes one back) in the hour it ended. */
  void count(BurnoutInput leg) {
    long hour = Math.floorDiv(leg.at, HOUR) * HOUR;
    int i = Arrays.binarySearch(hours, hour);
    if (i < 0) {
      i = -i - 1;
      hours = insert(hours, i, hour);
      handleMs = insert(handleMs, i, 0);
      legs = insert(legs, i, 0);
    }
    handleMs[i] += leg.sign * leg.handleMs;
    legs[i] += leg.sign;
    totalHandleMs += leg.sign * leg.handleMs;
    totalLegs += leg.sign;
  }

  /**
   * Drops the hours that ended {@code baselineMs} or more before {@code now}; what stays is the
   * trailing period's ({@link #totalHandleMs}, {@link #totalLegs}).
   */
  void forgetBefore(long now, long baselineMs) {
    int old = 0;
    while (old < hours.length && hours[old] + HOUR <= now - baselineMs) {
      totalHandleMs -= handleMs[old];
      totalLegs -= legs[old];
      old++;
    }
    if (old > 0) {
      hours = Arrays.copyOfRange(hours, old, hours.length);
      handleMs = Arrays.copyOfRange(handleMs, old, handleMs.length);
      legs = Arrays.copyOfRange(legs, old, legs.length);
    }
  }

  boolean isEmpty() {
    return hours.length == 0 && waiting.length == 0;
  }

  private static long[] insert(long[] a, int i, long v) {
    long[] more = new long[a.length + 1];
    System.arraycopy(a, 0, more, 0, i);
    more[i] = v;
    System.arraycopy(a, i, more, i + 1, a.length - i);
    return more;
  }
}
