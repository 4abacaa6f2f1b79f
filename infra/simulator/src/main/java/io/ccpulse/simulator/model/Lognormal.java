package io.ccpulse.simulator.model;

import java.time.Duration;

/**
 * A lognormal duration: {@code median} and {@code sigma} (the shape: the standard deviation of the
 * log). Contact-center durations are right-skewed with a long tail, which a lognormal fits well.
 */
public record Lognormal(Duration median, double sigma) {
  public Lognormal {
    if (median.isNegative() || sigma < 0) {
      throw new IllegalArgumentException(
          "lognormal needs median >= 0 and sigma >= 0: " + median + ", " + sigma);
    }
  }

  public static Lognormal of(long medianSeconds, double sigma) {
    return new Lognormal(Duration.ofSeconds(medianSeconds), sigma);
  }

  /** A sample in milliseconds, scaled by {@code factor} and at least {@code minMillis}. */
  public long sampleMillis(Rng rng, double factor, long minMillis) {
    if (median.isZero()) {
      return 0;
    }
    return Math.max(minMillis, Math.round(rng.lognormal(median.toMillis() * factor, sigma)));
  }

  /** The mean in milliseconds: median × e^(σ²/2). */
  public double meanMillis() {
    return median.toMillis() * StrictMath.exp(sigma * sigma / 2);
  }

  public Lognormal withMedian(Duration m) {
    return new Lognormal(m, sigma);
  }

  public Lognormal withSigma(double s) {
    return new Lognormal(median, s);
  }
}
