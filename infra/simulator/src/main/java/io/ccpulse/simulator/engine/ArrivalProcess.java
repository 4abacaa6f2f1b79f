package io.ccpulse.simulator.engine;

import io.ccpulse.simulator.model.Rng;

/**
 * A non-homogeneous Poisson process with a piecewise-constant rate: the next arrival is where the
 * integrated rate since the last one reaches an Exp(1) draw. Exact, and one draw per arrival.
 */
final class ArrivalProcess {
  private final long start;
  private final long bucketMs;
  private final double[] ratePerMs;

  /**
   * @param ratePerMs rate in arrivals per millisecond, per bucket of {@code bucketMs} from {@code
   *     start}
   */
  ArrivalProcess(long start, long bucketMs, double[] ratePerMs) {
    this.start = start;
    this.bucketMs = bucketMs;
    this.ratePerMs = ratePerMs;
  }

  /** The first arrival after {@code after}, or -1 if none before the end of the rate profile. */
  long next(long after, Rng rng) {
    double need = rng.exponential(1.0);
    long t = Math.max(after, start);
    int b = (int) ((t - start) / bucketMs);
    while (b < ratePerMs.length) {
      long bucketEnd = start + (b + 1) * bucketMs;
      double r = ratePerMs[b];
      double available = r * (bucketEnd - t);
      if (available >= need) {
        return Math.min(bucketEnd - 1, t + (long) (need / r));
      }
      need -= available;
      t = bucketEnd;
      b++;
    }
    return -1;
  }
}
