package io.ccpulse.local.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.queue.ErlangA;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's Erlang-A mode (M/M/n+M with known λ, μ, θ) through the live job's own operators
 * ({@link LiveReplay}): the rates measured live converge to the true ones, and the agents required
 * that the job reports are the theory's number for those rates ({@link ErlangA}, itself checked
 * against published and hand-worked values in the pipeline's ErlangATest).
 *
 * <p>The target is 82 % within 20 s: the theory needs 12 agents (78.4 % with 11, 85.6 % with 12),
 * so the live figure is not on a knife edge. The window is an hour: over 15 minutes a queue of 2.4
 * arrivals a minute has 36 arrivals and 36 handle times to go by, ±17 % each, and the live figure
 * spreads over ±2 agents (BENCHMARKS.md); over an hour the spread halves.
 */
class ErlangAStaffingITCase {
  private static final io.ccpulse.simulator.scenario.ErlangA RATES =
      io.ccpulse.simulator.scenario.ErlangA.defaults(); // 2.4/min, 4 min service, 2 min patience

  @Test
  void theLiveStaffingIsTheTheorys() throws Exception {
    Simulation sim =
        Simulator.run(
            Preset.SMALL
                .builder()
                .seed(11)
                .duration(Duration.ofHours(24))
                .erlangA(RATES)
                .faults(FaultSettings.none())
                .build());
    PipelineConfig config =
        PipelineConfig.defaults()
            .with(Map.of("alerts.service-level.clear", "82%", "queue-health.window", "1h"));
    int theory =
        ErlangA.requiredServers(
            RATES.lambdaPerMinute() / 60,
            RATES.muPerMinute() / 60,
            RATES.thetaPerMinute() / 60,
            20,
            5,
            0.82);
    assertThat(theory).isEqualTo(12);

    List<QueueSnapshot> snapshots = LiveReplay.snapshots(sim, config);
    long from = sim.records().get(0).occurredAtMillis() + Duration.ofHours(2).toMillis();
    List<QueueSnapshot> settled = snapshots.stream().filter(s -> s.at >= from).toList();
    assertThat(settled).hasSizeGreaterThan(7_000);
    double arrivalsPerMinute =
        settled.stream().mapToInt(s -> s.arrived).average().orElseThrow() / 60;
    double handleMinutes =
        settled.stream().mapToLong(s -> s.handleTimeMs).average().orElseThrow() / 60_000;
    assertThat(arrivalsPerMinute).isCloseTo(RATES.lambdaPerMinute(), within(0.05 * 2.4));
    assertThat(handleMinutes).isCloseTo(1 / RATES.muPerMinute(), within(0.05 * 4));

    int[] live = WaitEstimateMain.staffing(settled, from);
    Arrays.sort(live);
    String figures =
        String.format(
            "live agents_required: median %d, p10 %d, p90 %d; %.1f %% equal to theory, %.1f %%"
                + " within one",
            live[live.length / 2],
            live[live.length / 10],
            live[live.length * 9 / 10],
            WaitEstimateMain.share(live, theory, 0),
            WaitEstimateMain.share(live, theory, 1));
    System.out.println("Erlang-A, theory " + theory + " agents; " + figures);
    assertThat(live[live.length / 2]).as(figures).isEqualTo(theory);
    assertThat(WaitEstimateMain.share(live, theory, 1)).as(figures).isGreaterThan(75);
  }
}
