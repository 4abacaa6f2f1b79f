package io.ccpulse.simulator.model;

import java.util.SplittableRandom;

/**
 * The simulator's source of randomness: a seeded {@link SplittableRandom} plus the distributions
 * the model needs.
 *
 * <p>Uses {@link StrictMath} so the same seed gives the same bytes on every JVM and CPU ({@code
 * Math.log} may differ in the last bit between platforms). Not thread-safe.
 */
public final class Rng {
  private final SplittableRandom random;
  private double spareGaussian = Double.NaN;

  /** A stream seeded with {@code seed}. */
  public Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * An independent stream derived from this seed and a label, so subsystems do not disturb each
   * other.
   */
  public static Rng derive(long seed, String label) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < label.length(); i++) {
      h = (h ^ label.charAt(i)) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    return new Rng(h);
  }

  /** Uniform in [0, 1). */
  public double uniform() {
    return random.nextDouble();
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }

  /** Uniform integer in [0, bound). */
  public int index(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform long in [min, max]. */
  public long between(long min, long max) {
    return max <= min ? min : min + random.nextLong(max - min + 1);
  }

  /** Any long, for identifiers. */
  public long nextLong() {
    return random.nextLong();
  }

  /** Standard normal (Marsaglia polar method). */
  public double gaussian() {
    if (!Double.isNaN(spareGaussian)) {
      double g = spareGaussian;
      spareGaussian = Double.NaN;
      return g;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * m;
    return u * m;
  }

  /** Exponential with the given mean. */
  public double exponential(double mean) {
    return -mean * StrictMath.log(1 - random.nextDouble());
  }

  /** Lognormal with the given median and shape (sigma of the underlying normal). */
  public double lognormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }
}
