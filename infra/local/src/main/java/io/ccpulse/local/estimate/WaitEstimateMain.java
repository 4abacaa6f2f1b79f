package io.ccpulse.local.estimate;

import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.queue.ErlangA;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make bench ARGS="--only wait-estimate"}: the live wait estimate's accuracy and the
 * staffing figure on simulated days (the default day, seeds 1–3) and in the simulator's Erlang-A
 * mode, by the live job's own operators ({@link LiveReplay}). Prints figures; asserts nothing.
 */
public final class WaitEstimateMain {
  private WaitEstimateMain() {}

  public static void run(PrintStream out) throws Exception {
    run(out, true);
  }

  static void run(PrintStream out, boolean days) throws Exception {
    PipelineConfig config = PipelineConfig.defaults();
    for (long seed = 1; days && seed <= 3; seed++) {
      Scenario day = Preset.DEFAULT.builder().seed(seed).faults(FaultSettings.none()).build();
      report("default day, seed " + seed, Simulator.run(day), config, out);
    }
    io.ccpulse.simulator.scenario.ErlangA rates = io.ccpulse.simulator.scenario.ErlangA.defaults();
    Scenario erlang =
        Preset.SMALL
            .builder()
            .seed(1)
            .duration(Duration.ofHours(48))
            .erlangA(rates)
            .faults(FaultSettings.none())
            .build();
    Simulation sim = Simulator.run(erlang);
    List<QueueSnapshot> snapshots = report("Erlang-A mode, 48 h, " + rates, sim, config, out);
    int theory =
        ErlangA.requiredServers(
            rates.lambdaPerMinute() / 60,
            rates.muPerMinute() / 60,
            rates.thetaPerMinute() / 60,
            config.getDuration("metrics.service-level-threshold").toMillis() / 1000.0,
            config.getDuration("metrics.short-abandon-threshold").toMillis() / 1000.0,
            0.8);
    long from = sim.records().get(0).occurredAtMillis() + 3_600_000;
    double[] means =
        snapshots.stream()
            .filter(s -> s.at >= from && s.handleTimeMs > 0)
            .map(s -> new double[] {s.arrived, s.handleTimeMs, 1})
            .reduce(new double[3], (a, b) -> new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
    out.printf(
        "Erlang-A live rates after the first hour: arrivals %.3f/min (true %.3f), handle time %.1f s"
            + " (true %.1f s)%n",
        means[0] / means[2] / (890 / 60.0), // the window's 89 full buckets at a step
        rates.lambdaPerMinute(),
        means[1] / means[2] / 1000,
        60 / rates.muPerMinute());
    int[] live = staffing(snapshots, from);
    Arrays.sort(live);
    out.printf(
        "Erlang-A staffing: theory %d agents for 80 %% in 20 s; live agents_required over %,d"
            + " steps after the first hour: median %d, p10 %d, p90 %d, equal to theory in %.1f %%,"
            + " within one in %.1f %%%n",
        theory,
        live.length,
        live[live.length / 2],
        live[live.length / 10],
        live[live.length * 9 / 10],
        share(live, theory, 0),
        share(live, theory, 1));
  }

  /** agents_required at every step from {@code from} on (where known). */
  public static int[] staffing(List<QueueSnapshot> snapshots, long from) {
    return snapshots.stream()
        .filter(s -> s.at >= from && s.agentsRequired >= 0)
        .mapToInt(s -> s.agentsRequired)
        .toArray();
  }

  public static double share(int[] values, int target, int within) {
    long n = Arrays.stream(values).filter(v -> Math.abs(v - target) <= within).count();
    return 100.0 * n / values.length;
  }

  private static List<QueueSnapshot> report(
      String what, Simulation sim, PipelineConfig config, PrintStream out) throws Exception {
    long t0 = System.nanoTime();
    List<QueueSnapshot> snapshots = LiveReplay.snapshots(sim, config);
    List<WaitAccuracy.Row> rows = WaitAccuracy.evaluate(LiveReplay.events(sim), snapshots);
    out.printf(
        "%nWait estimate, %s (%,d snapshots, %.1f s); queue_health rows on change: %,d with the"
            + " estimates, %,d without them%n%s%n",
        what,
        snapshots.size(),
        (System.nanoTime() - t0) / 1e9,
        changes(snapshots, true),
        changes(snapshots, false),
        WaitAccuracy.HEADER);
    rows.forEach(out::println);
    return snapshots;
  }

  /**
   * How many of the every-step snapshots the on-change mode writes: those whose figures differ from
   * the queue's previous one (as QueueLive.figures: every column but the moment, the oldest wait as
   * its start, the estimates in whole seconds), with the estimate columns or without them.
   */
  static long changes(List<QueueSnapshot> snapshots, boolean withEstimates) {
    Map<String, List<Long>> last = new HashMap<>();
    long n = 0;
    for (QueueSnapshot s : snapshots) {
      List<Long> f =
          new ArrayList<>(
              List.of(
                  (long) (s.channel == null ? -1 : s.channel.ordinal()),
                  (long) s.waiting,
                  s.waiting == 0 ? 0 : s.oldestWaitSince,
                  (long) s.agentsLoggedIn,
                  (long) s.agentsOnQueue,
                  (long) s.agentsAvailable,
                  (long) s.agentsOnContact,
                  (long) s.agentsOnBreak,
                  (long) s.offered,
                  (long) s.answered,
                  (long) s.answeredInSl,
                  (long) s.abandoned,
                  (long) s.shortAbandoned,
                  (long) s.openAlerts));
      if (withEstimates) {
        f.addAll(
            List.of(
                (long) s.arrived,
                s.handleTimeMs < 0 ? -1 : Math.round(s.handleTimeMs / 1000.0),
                s.estimatedWaitMs < 0 ? -1 : Math.round(s.estimatedWaitMs / 1000.0),
                (long) s.agentsRequired));
      }
      if (!f.equals(last.put(s.tenantId + "/" + s.queueId, f))) {
        n++;
      }
    }
    return n;
  }

  public static void main(String[] args) throws Exception {
    run(System.out, args.length == 0);
  }
}
