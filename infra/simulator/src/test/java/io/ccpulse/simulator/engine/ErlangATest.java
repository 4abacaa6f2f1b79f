package io.ccpulse.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ccpulse.simulator.SimulationResult;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.ErlangA;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthRow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Erlang-A mode agrees with M/M/n+M theory over a long run. The theory: the number in system is a
 * birth–death chain with births λ and deaths min(k, n)·μ + (k − n)⁺·θ; its stationary distribution
 * gives the mean queue E[(K − n)⁺], hence (Little) the mean time in queue of all arrivals E[Q]/λ
 * and the fraction abandoned θ·E[Q]/λ.
 *
 * <p>Tolerances: 0.01 absolute on the fraction abandoned and 5 % on the mean wait and the mean
 * service time — several standard errors for 1,000 simulated hours (about 144,000 arrivals),
 * leaving room for the correlation between successive waits. (4,000 hours settle within 1 % of
 * theory.)
 */
class ErlangATest {
  private static final ErlangA PARAMS = new ErlangA(2.4, 0.25, 0.5, 10);

  @Test
  void abandonmentAndWaitMatchTheory() {
    Scenario s =
        Preset.SMALL
            .builder()
            .seed(2024)
            .duration(Duration.ofHours(1000))
            .erlangA(PARAMS)
            .faults(FaultSettings.none())
            .truth(
                Preset.SMALL.builder().build().truth().withIntervals(List.of(Duration.ofHours(1))))
            .build();
    SimulationResult r = Simulator.run(s, rec -> {});

    long offered = 0;
    long abandoned = 0;
    long waitMs = 0;
    long handled = 0;
    long talkMs = 0;
    for (TruthRow row : r.truth()) {
      if (row.kind() == EntityKind.TENANT_CHANNEL) {
        offered += row.get(Figure.OFFERED);
        abandoned += row.get(Figure.ABANDONED);
        waitMs += row.get(Figure.WAIT_ANSWERED_MS) + row.get(Figure.ABANDON_TIME_MS);
        handled += row.get(Figure.HANDLED);
        talkMs += row.get(Figure.TALK_MS);
        assertThat(
                row.get(Figure.HOLD_MS) + row.get(Figure.ACW_MS) + row.get(Figure.TRANSFERRED_OUT))
            .isZero();
      }
    }
    double[] theory = theory(PARAMS);
    assertThat(offered).isGreaterThan(130_000);
    double meanWaitMinutes = waitMs / 60_000.0 / offered;
    String report =
        String.format(
            "simulated: %d offered, %.4f abandoned, mean wait %.4f min; theory %.4f, %.4f min",
            offered, (double) abandoned / offered, meanWaitMinutes, theory[0], theory[1]);
    assertThat((double) abandoned / offered).as(report).isCloseTo(theory[0], within(0.01));
    assertThat(meanWaitMinutes).as(report).isCloseTo(theory[1], within(theory[1] * 0.05));
    assertThat(talkMs / 60_000.0 / handled)
        .isCloseTo(1 / PARAMS.muPerMinute(), within(0.05 / PARAMS.muPerMinute()));
  }

  @Test
  void theTheoryIsSane() {
    // With patience so long it hardly matters and light load, nobody waits.
    double[] light = theory(new ErlangA(1, 1, 0.001, 10));
    assertThat(light[0]).isLessThan(1e-6);
    // Overloaded (λ = 2nμ): a stable queue only because customers abandon; at least half must.
    double[] heavy = theory(new ErlangA(20, 1, 1, 10));
    assertThat(heavy[0]).isGreaterThan(0.45);
  }

  /** {fraction abandoned, mean time in queue of all arrivals in minutes}. */
  static double[] theory(ErlangA p) {
    int n = p.agents();
    double lambda = p.lambdaPerMinute();
    double term = 1;
    double sum = 1;
    double queue = 0;
    for (int k = 1; k < 100_000; k++) {
      double death = Math.min(k, n) * p.muPerMinute() + Math.max(0, k - n) * p.thetaPerMinute();
      term *= lambda / death;
      sum += term;
      queue += Math.max(0, k - n) * term;
      if (k > n && term < 1e-16 * sum) {
        break;
      }
    }
    double meanQueue = queue / sum;
    return new double[] {p.thetaPerMinute() * meanQueue / lambda, meanQueue / lambda};
  }
}
