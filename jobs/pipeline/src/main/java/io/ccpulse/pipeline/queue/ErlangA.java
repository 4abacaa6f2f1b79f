package io.ccpulse.pipeline.queue;

import java.util.Arrays;

/**
 * The M/M/n+M (Erlang-A) queue: Poisson arrivals at rate λ, n servers with exponential service at
 * rate μ each, exponential patience at rate θ, first come first served. Rates are per second.
 *
 * <p>The number in system is a birth–death chain (births λ, deaths min(k, n)·μ + (k − n)⁺·θ); an
 * arrival sees its stationary distribution (PASTA). One that finds a free server is answered at
 * once. One that finds k ≥ n is at position j = k − n + 1: the position drops at rate nμ + (j − 1)θ
 * (a service completion takes the head of the queue, or one of the j − 1 ahead abandons), and it
 * abandons itself at rate θ. Whether it is answered within t, or abandons within s, is the
 * transient of that small chain, computed by uniformization (exact up to a truncation of 1e-12).
 *
 * <p>The service level is the project's (docs/metrics.md): answered within the threshold over the
 * waits ended, short abandons apart. With θ = 0 this is Erlang C.
 */
public final class ErlangA {
  private static final double EPS = 1e-12;
  private static final int MAX_QUEUE = 10_000;

  private ErlangA() {}

  /**
   * The expected time until a contact is taken when every server is busy and {@code ahead} contacts
   * are in front of it: the sum of the mean times of the ahead + 1 position drops, 1/(nμ + iθ) for
   * i = 0..ahead (its own patience aside: the wait it would have if it stayed).
   */
  public static double expectedWait(int n, double mu, double theta, int ahead) {
    double w = 0;
    for (int i = 0; i <= ahead; i++) {
      w += 1 / (n * mu + i * theta);
    }
    return w;
  }

  /**
   * The service level with n servers: P(answered within t) / (1 − P(abandoned within s)), s the
   * short-abandon threshold. 0 for an unstable queue (θ = 0 and λ ≥ nμ).
   */
  public static double serviceLevel(
      int n, double lambda, double mu, double theta, double t, double s) {
    if (lambda <= 0) {
      return 1;
    }
    double[] p = arrivalSees(n, lambda, mu, theta);
    if (p == null) {
      return 0;
    }
    int queued = p.length - n; // positions 1..queued
    double[] served = absorbed(n, mu, theta, queued, t, true);
    double[] shortAbandon = absorbed(n, mu, theta, queued, s, false);
    double answeredInT = 0;
    double abandonedInS = 0;
    for (int k = 0; k < p.length; k++) {
      if (k < n) {
        answeredInT += p[k];
      } else {
        answeredInT += p[k] * served[k - n + 1];
        abandonedInS += p[k] * shortAbandon[k - n + 1];
      }
    }
    return answeredInT / (1 - abandonedInS);
  }

  /**
   * The fewest servers whose service level reaches {@code target}; 0 without arrivals. The service
   * level grows with n, so a doubling then a bisection find it.
   */
  public static int requiredServers(
      double lambda, double mu, double theta, double t, double s, double target) {
    return requiredServers(lambda, mu, theta, t, s, target, 0);
  }

  /**
   * The same fewest servers, searched from {@code guess} (the answer for the inputs a moment ago;
   * below 1: none): the answer moves little as live rates drift, so two service levels usually
   * decide it where a search from scratch takes a dozen or more, and each is the costliest thing a
   * queue computes. Steps double away from the guess until they bracket the answer, then bisect.
   */
  public static int requiredServers(
      double lambda, double mu, double theta, double t, double s, double target, int guess) {
    if (lambda <= 0) {
      return 0;
    }
    int lo; // the service level with lo servers is below target (0: no servers)
    int hi; // ... and with hi it reaches it
    if (guess >= 1 && serviceLevel(guess, lambda, mu, theta, t, s) >= target) {
      hi = guess;
      lo = 0;
      for (int step = 1; step < guess; step *= 2) {
        int n = guess - step;
        if (serviceLevel(n, lambda, mu, theta, t, s) < target) {
          lo = n;
          break;
        }
        hi = n;
      }
    } else {
      lo = Math.max(guess, 0);
      hi = lo + 1;
      for (int step = 1; serviceLevel(hi, lambda, mu, theta, t, s) < target; step *= 2) {
        if (hi >= 1 << 20) {
          return hi;
        }
        lo = hi;
        hi = Math.max(guess, 0) + 2 * step;
      }
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (serviceLevel(mid, lambda, mu, theta, t, s) >= target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Erlang C: the probability an arrival waits, with n servers and a = λ/μ erlangs offered. */
  public static double erlangC(int n, double a) {
    if (a >= n) {
      return 1;
    }
    double b = 1; // Erlang B by its recursion: B(k) = a·B(k−1) / (k + a·B(k−1))
    for (int k = 1; k <= n; k++) {
      b = a * b / (k + a * b);
    }
    return b / (1 - (a / n) * (1 - b));
  }

  /**
   * What an arrival sees: P(k in system), k = 0 .. K, K where the tail is negligible; null when the
   * queue is unstable (no patience, too little service).
   */
  static double[] arrivalSees(int n, double lambda, double mu, double theta) {
    if (theta <= 0 && lambda >= n * mu) {
      return null;
    }
    double[] terms = new double[n + 64];
    terms[0] = 1;
    double sum = 1;
    int k = 1;
    for (; k < n + MAX_QUEUE; k++) {
      double death = Math.min(k, n) * mu + Math.max(0, k - n) * theta;
      if (k == terms.length) {
        terms = Arrays.copyOf(terms, Math.min(n + MAX_QUEUE, terms.length * 2));
      }
      terms[k] = terms[k - 1] * lambda / death;
      sum += terms[k];
      if (k > n && terms[k] < EPS * sum) {
        break;
      }
    }
    double[] p = Arrays.copyOf(terms, Math.min(k + 1, terms.length));
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    if (p.length <= n) { // no queue worth counting: still give the positions an entry
      p = Arrays.copyOf(p, n + 1);
    }
    return p;
  }

  /**
   * For each position j = 1..positions (index j; index 0 unused): the probability that a contact
   * there is answered within {@code within} seconds ({@code answered}), or abandons within it.
   */
  static double[] absorbed(
      int n, double mu, double theta, int positions, double within, boolean answered) {
    double[] u = new double[positions + 1];
    if (positions == 0 || within <= 0) {
      return u;
    }
    double rate = n * mu + positions * theta; // the fastest state's exit rate
    double x = rate * within;
    double[] next = new double[positions + 1];
    double[] acc = new double[positions + 1];
    double logWeight = -x; // Poisson(x) weight of m jumps, in logs (x may be large)
    double mass = 0;
    for (int m = 0; ; m++) {
      if (m > 0) {
        logWeight += Math.log(x) - Math.log(m);
      }
      double w = Math.exp(logWeight);
      for (int j = 1; j <= positions; j++) {
        acc[j] += w * u[j];
      }
      mass += w;
      if ((1 - mass < EPS && m > x) || m > x + 20 * Math.sqrt(x) + 50) {
        break;
      }
      // One more uniformized step: u(j) = P(absorbed as asked within m steps | position j).
      for (int j = 1; j <= positions; j++) {
        double down = (n * mu + (j - 1) * theta) / rate;
        double self = theta / rate;
        double stay = 1 - down - self;
        double fromDown = j == 1 ? (answered ? 1 : 0) : u[j - 1];
        next[j] = down * fromDown + (answered ? 0 : self) + stay * u[j];
      }
      double[] swap = u;
      u = next;
      next = swap;
    }
    return acc;
  }
}
