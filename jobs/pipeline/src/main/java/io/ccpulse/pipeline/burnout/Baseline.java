package io.ccpulse.pipeline.burnout;

/**
 * The agent's own usual, from the shifts of the trailing baseline period: handle time per channel
 * and concurrency. Kept in state as one bucket per day ({@link #bucket}), summed when judged.
 */
public final class Baseline {
  static final int CHANNELS = 4;

  /** Bucket layout: legs per channel, Σ handle ms per channel, busy ms, ∫ open contacts dt. */
  static final int SIZE = 2 * CHANNELS + 2;

  final long[] legs = new long[CHANNELS];
  final long[] handleMs = new long[CHANNELS];
  long busyMs;
  long legMs;

  /** A shift as a baseline bucket. */
  public static long[] bucket(ShiftState s) {
    long[] b = new long[SIZE];
    for (int c = 0; c < CHANNELS; c++) {
      b[c] = s.legs[c];
      b[CHANNELS + c] = s.handleMs[c];
    }
    b[2 * CHANNELS] = s.busyMs;
    b[2 * CHANNELS + 1] = s.legMs;
    return b;
  }

  /** Adds one bucket (a day of shifts) in. */
  public void add(long[] b) {
    for (int c = 0; c < CHANNELS; c++) {
      legs[c] += b[c];
      handleMs[c] += b[CHANNELS + c];
    }
    busyMs += b[2 * CHANNELS];
    legMs += b[2 * CHANNELS + 1];
  }

  /** Two buckets summed (two shifts on one day). */
  public static long[] plus(long[] a, long[] b) {
    long[] sum = a.clone();
    for (int i = 0; i < SIZE; i++) {
      sum[i] += b[i];
    }
    return sum;
  }
}
