package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Erlang-A formulas against published Erlang-C values, a hand-worked M/M/1+M case, and an
 * independent computation of the same service level (the closed form of the wait's distribution, no
 * uniformization).
 */
class ErlangATest {
  /**
   * The textbook example (Call Centre Helper, "Erlang C formula – made simple"): 100 calls in 30
   * minutes, 180 s handle time (10 erlangs), 80 % within 20 s. Published: with 11 agents the
   * probability of waiting is 68.21 % and the service level 39 %; 14 agents reach 88.8 %, so 14 is
   * the answer (13 give 79.6 %).
   */
  @Test
  void erlangCAsPublished() {
    assertThat(ErlangA.erlangC(11, 10)).isCloseTo(0.6821, within(0.00005));
    assertThat(ErlangA.erlangC(3, 2)).isCloseTo(4.0 / 9, within(1e-12)); // by hand: B = 4/19
    double lambda = 100 / 1800.0;
    double mu = 1 / 180.0;
    // No patience (θ = 0): Erlang A is Erlang C, SL = 1 − C·e^(−(nμ − λ)t).
    assertThat(ErlangA.serviceLevel(11, lambda, mu, 0, 20, 5)).isCloseTo(0.3896, within(0.00005));
    assertThat(ErlangA.serviceLevel(13, lambda, mu, 0, 20, 5)).isCloseTo(0.7956, within(0.00005));
    assertThat(ErlangA.serviceLevel(14, lambda, mu, 0, 20, 5)).isCloseTo(0.8884, within(0.00005));
    for (int n = 11; n <= 20; n++) {
      double erlangC = 1 - ErlangA.erlangC(n, 10) * Math.exp(-(n * mu - lambda) * 20);
      assertThat(ErlangA.serviceLevel(n, lambda, mu, 0, 20, 5)).isCloseTo(erlangC, within(1e-9));
    }
    assertThat(ErlangA.requiredServers(lambda, mu, 0, 20, 5, 0.8)).isEqualTo(14);
    assertThat(ErlangA.serviceLevel(9, lambda, mu, 0, 20, 5)).isZero(); // unstable
  }

  /**
   * M/M/1+M with λ = μ = θ = 1: an arrival finds k with probability e⁻¹/k! (deaths k·1). At
   * position 1 it is answered at rate 1 and abandons at rate 1: answered by t with ½(1 − e^(−2t)).
   * At position 2 it moves up at rate 2 (a service or the one ahead abandoning) or abandons at 1:
   * ∫₀ᵗ 3e^(−3u)·⅔·½(1 − e^(−2(t−u))) du = ⅓ − e^(−2t) + ⅔e^(−3t).
   */
  @Test
  void handWorkedSingleServer() {
    double t = 0.7;
    double[] answered = ErlangA.absorbed(1, 1, 1, 2, t, true);
    assertThat(answered[1]).isCloseTo(0.5 * (1 - Math.exp(-2 * t)), within(1e-10));
    assertThat(answered[2])
        .isCloseTo(1.0 / 3 - Math.exp(-2 * t) + 2.0 / 3 * Math.exp(-3 * t), within(1e-10));
    double[] abandoned = ErlangA.absorbed(1, 1, 1, 1, t, false);
    assertThat(abandoned[1]).isCloseTo(0.5 * (1 - Math.exp(-2 * t)), within(1e-10));
    double[] sees = ErlangA.arrivalSees(1, 1, 1, 1);
    for (int k = 0; k < 6; k++) {
      assertThat(sees[k]).isCloseTo(Math.exp(-1) / factorial(k), within(1e-12));
    }
    // Waiting for a server with 0 ahead: 1/(nμ); with 2 ahead: 1/1 + 1/2 + 1/3.
    assertThat(ErlangA.expectedWait(1, 1, 1, 0)).isEqualTo(1.0);
    assertThat(ErlangA.expectedWait(1, 1, 1, 2)).isCloseTo(11.0 / 6, within(1e-12));
  }

  /**
   * The simulator's Erlang-A defaults (λ 2.4/min, 4 min service, 2 min mean patience), 20 s and 5 s
   * thresholds: the service level computed a second way (the wait at each position is
   * hypoexponential; its closed-form density gives P(answered within t) = E[1{V ≤ t}·e^(−θV)] and
   * P(abandoned within s)), and the fewest servers reaching 80 % by scanning n.
   */
  @Test
  void requiredServersMatchAnIndependentComputation() {
    double lambda = 2.4 / 60;
    double mu = 0.25 / 60;
    double theta = 0.5 / 60;
    int scanned = 0;
    for (int n = 1; n <= 30; n++) {
      double sl = closedFormServiceLevel(n, lambda, mu, theta, 20, 5);
      assertThat(ErlangA.serviceLevel(n, lambda, mu, theta, 20, 5))
          .as("n = %d", n)
          .isCloseTo(sl, within(1e-7));

      if (scanned == 0 && sl >= 0.8) {
        scanned = n;
      }
    }
    assertThat(scanned).isEqualTo(12); // n = 11: 78.4 %, n = 12: 85.6 %
    assertThat(ErlangA.requiredServers(lambda, mu, theta, 20, 5, 0.8)).isEqualTo(scanned);
    // More patience lost, fewer left to serve: never more agents needed than without abandons.
    assertThat(ErlangA.requiredServers(lambda, mu, 0, 20, 5, 0.8)).isGreaterThanOrEqualTo(12);
    assertThat(ErlangA.requiredServers(0, mu, theta, 20, 5, 0.8)).isZero();
  }

  /**
   * Searched from a guess (the last answer, as the live queue does), the answer is the fewest
   * servers found by scanning n up from 1, whether the guess is right, a little off, far off either
   * way or absent; with and without patience, on small and large queues.
   */
  @Test
  void aSearchFromAGuessFindsTheFewestServersAsAScanDoes() {
    double[][] queues = { // λ per s, μ per s, θ per s
      {2.4 / 60, 0.25 / 60, 0.5 / 60},
      {2.4 / 60, 0.25 / 60, 0},
      {40.0 / 60, 1.0 / 300, 1.0 / 90},
      {0.2 / 60, 1.0 / 600, 1.0 / 30},
    };
    for (double[] q : queues) {
      for (double target : new double[] {0.5, 0.8, 0.95}) {
        int scanned = 1;
        while (ErlangA.serviceLevel(scanned, q[0], q[1], q[2], 20, 5) < target) {
          scanned++;
        }
        for (int guess :
            new int[] {
              0, 1, 2, scanned - 3, scanned - 1, scanned, scanned + 1, scanned + 7, 3 * scanned
            }) {
          assertThat(ErlangA.requiredServers(q[0], q[1], q[2], 20, 5, target, guess))
              .as("λ %s μ %s θ %s target %s from %d", q[0], q[1], q[2], target, guess)
              .isEqualTo(scanned);
        }
      }
    }
  }

  /** Stationary distribution by the chain, waits by the hypoexponential's closed form. */
  static double closedFormServiceLevel(
      int n, double lambda, double mu, double theta, double t, double s) {
    double[] p = new double[n + 200];
    p[0] = 1;
    double sum = 1;
    for (int k = 1; k < p.length; k++) {
      p[k] = p[k - 1] * lambda / (Math.min(k, n) * mu + Math.max(0, k - n) * theta);
      sum += p[k];
    }
    double answered = 0;
    double shortAbandoned = 0;
    for (int k = 0; k < p.length; k++) {
      double pk = p[k] / sum;
      if (k < n) {
        answered += pk;
        continue;
      }
      int ahead = k - n;
      if (pk < 1e-15) {
        continue;
      }
      double[] rates = new double[ahead + 1];
      for (int i = 0; i <= ahead; i++) {
        rates[i] = n * mu + i * theta;
      }
      for (int i = 0; i <= ahead; i++) {
        double c = 1;
        for (int j = 0; j <= ahead; j++) {
          if (j != i) {
            c *= rates[j] / (rates[j] - rates[i]);
          }
        }
        double r = rates[i] + theta;
        answered += pk * c * rates[i] * (1 - Math.exp(-r * t)) / r;
        shortAbandoned += pk * c * theta * (1 - Math.exp(-r * s)) / r;
      }
    }
    return answered / (1 - shortAbandoned);
  }

  private static double factorial(int k) {
    double f = 1;
    for (int i = 2; i <= k; i++) {
      f *= i;
    }
    return f;
  }
}
