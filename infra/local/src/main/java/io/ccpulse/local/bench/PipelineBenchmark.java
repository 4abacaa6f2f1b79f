package io.ccpulse.local.bench;

import io.ccpulse.local.estimate.WaitEstimateMain;
import io.ccpulse.options.CommandLine;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code make bench}: the whole pipeline's throughput beside the raw Kafka-consume rate of the same
 * records, then the delay from an interval's end to its row being readable in ClickHouse. A
 * benchmark, not a test: it prints figures and asserts nothing. Everything runs on private
 * instances on free ports of 127.0.0.1 and is removed at the end. See BENCHMARKS.md for how to read
 * it.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    BenchOptions o = CommandLine.readOrExit("bench", () -> BenchOptions.parse(args));
    PipelineConfig base = o.baseConfig();
    out.printf(
        "Machine: %d cores, max heap %,d MiB, Java %s (%s), %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
    // The machine may be shared: the load before the benchmark says how much else was running.
    out.println("Load average before: " + loadAverage());
    if (o.waitEstimate) {
      WaitEstimateMain.run(out);
      return;
    }
    long t0 = System.nanoTime();
    List<String> table = new ArrayList<>();
    if (o.rollups) { // ClickHouse alone: no Kafka, no Flink
      table.addAll(RollupsRun.run(o.rollupDays, o.rollupRuns, out));
    }
    if (o.throughput || o.state || o.latency || o.alerts || o.faults) {
      stackParts(o, base, table, out);
    }
    out.println();
    out.printf("Summary (%.0f s in all):%n", (System.nanoTime() - t0) / 1e9);
    table.forEach(out::println);
  }

  private static void stackParts(
      BenchOptions o, PipelineConfig base, List<String> table, PrintStream out) throws Exception {
    try (BenchStack stack = BenchStack.start(o.parallelism, o.partitions, out)) {
      if (o.throughput) {
        table.addAll(ThroughputRun.run(stack, base, o, out));
      }
      if (o.state) {
        table.addAll(
            o.statePerDay
                ? DayStateRun.run(stack, base, o, out)
                : StateRun.run(stack, base, o, out));
      }
      if (o.latency) {
        table.addAll(latency(stack, base, o, out));
      }
      if (o.alerts) {
        table.addAll(alerts(stack, base, o, out));
      }
      if (o.faults) {
        table.addAll(faults(stack, base, o, out));
      }
    }
  }

  private static List<String> latency(
      BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out) throws Exception {
    Scenario scenario = o.latencyPreset.builder().seed(o.seed).build();
    out.println();
    out.printf(
        "Latency: the job unbounded, fed %d simulated minutes from %s at %.0fx real time...%n",
        o.latencyMinutes, o.latencyFrom, o.speed);
    LatencyRun.Result r =
        LatencyRun.run(
            stack, base, scenario, o.latencyFrom, o.latencyMinutes, o.speed, o.partitions, out);
    List<LatencyRun.Interval> iv = r.intervals();
    List<String> t = new ArrayList<>();
    t.add("");
    t.add(
        String.format(
            "Latency, %s (seed %d), %d simulated minutes from %s at %.0fx (%,d records); queue %s:"
                + " %d of %d one-minute rows measured (%d could close before the feed ended, %d of those never readable"
                + " within the grace, left out); longest pause on a feeding partition %.1f s; polls: %s",
            o.latencyPreset.label(),
            o.seed,
            o.latencyMinutes,
            o.latencyFrom,
            o.speed,
            r.records(),
            r.queue(),
            iv.size(),
            r.expected(),
            r.closable(),
            r.neverReadable(),
            r.longestGapMs() / 1000.0,
            r.polls()));
    if (iv.isEmpty()) {
      // Typically a sparse topic (surveys in a small scenario): some partition never passed an
      // interval's end.
      t.add(
          String.format(
              "No interval measured: %d interval ends were passed on every feeding partition; try a busier"
                  + " scenario or window (the default preset from 10:00)",
              r.closable()));
    }
    t.add("| interval end -> first row readable | intervals | median | p90 | max |");
    t.add("|---|---|---|---|---|");
    t.add(
        latencyRow(
            "from the watermark moment (last feeding partition past end + bound)",
            iv.stream().map(LatencyRun.Interval::latency).toList()));
    t.add(
        latencyRow(
            "from the first event past end + bound on any partition",
            iv.stream().map(i -> i.readableMs() - i.firstCrossing()).toList()));
    t.add(
        latencyRow(
            "  of which: watermark moment -> window fired (row version)",
            iv.stream().map(i -> i.versionMs() - i.watermarkMoment()).toList()));
    t.add(
        latencyRow(
            "  of which: window fired -> readable (sink batch + INSERT + poll)",
            iv.stream().map(i -> i.readableMs() - i.versionMs()).toList()));
    t.add(latencyRow("every queue's rows, from the watermark moment", r.allQueues()));
    return t;
  }

  private static List<String> alerts(
      BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out) throws Exception {
    out.println();
    out.printf(
        "Alerts: the job unbounded, fed %d minutes at real time, one queue understaffed...%n",
        o.alertMinutes);
    List<AlertLatencyRun.Alert> alerts =
        AlertLatencyRun.run(stack, base, o.seed, o.alertMinutes, out);
    List<String> t = new ArrayList<>();
    t.add("");
    t.add(
        String.format(
            "Alerts, default day (seed %d) at real time for %d minutes, events stamped now: %d alerts raised",
            o.seed, o.alertMinutes, alerts.size()));
    t.add(
        "| breaching event due in Kafka -> alert message received | alerts | median | p90 | max |");
    t.add("|---|---|---|---|---|");
    // The oldest wait is breached by time passing, and a rule with a raise-after (understaffed:
    // 1 min) is raised once the breach has lasted that long: both are noticed at the next cadence
    // step, not at an event, so their delay is up to a step and is reported apart.
    Predicate<AlertLatencyRun.Alert> byTime =
        a ->
            a.rule().equals("oldest-wait")
                || !base.getDuration("alerts." + a.rule() + ".raise-after").isZero();
    t.add(
        latencyRow(
            "rules breached by an event, raised at once (no agent, abandon rate, service level)",
            alerts.stream().filter(byTime.negate()).map(AlertLatencyRun.Alert::delayMs).toList()));
    t.add(
        latencyRow(
            "raised by time passing (oldest wait; understaffed once its raise-after has passed);"
                + " checked every cadence step",
            alerts.stream().filter(byTime).map(AlertLatencyRun.Alert::delayMs).toList()));
    return t;
  }

  private static List<String> faults(
      BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out) throws Exception {
    out.println();
    out.printf(
        "Faults: %s (seed %d), each fault injected for real into running jobs...%n",
        o.faultsPreset.label(), o.seed);
    List<FaultsRun.Row> rows = FaultsRun.run(stack, base, o, out);
    List<String> t = new ArrayList<>();
    t.add("");
    t.add(
        String.format(
            "Faults, %s (seed %d), parallelism %d, %d partitions per topic",
            o.faultsPreset.label(), o.seed, o.parallelism, o.partitions));
    t.add("| scenario | events in | rows expected | lost | doubled | live view | recovery |");
    t.add("|---|---|---|---|---|---|---|");
    for (FaultsRun.Row r : rows) {
      t.add(
          String.format(
              "| %s | %,d | %,d | %,d | %,d | %s | %s |",
              r.scenario(),
              r.events(),
              r.rowsExpected(),
              r.lost(),
              r.doubled(),
              r.live(),
              r.recovery()));
    }
    t.add(
        String.format(
            "faults: %d of %d scenarios lost nothing and doubled nothing",
            rows.stream().filter(FaultsRun.Row::clean).count(), rows.size()));
    return t;
  }

  /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
  private static String loadAverage() {
    try {
      String[] f =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
              .trim()
              .split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String latencyRow(String name, List<Long> millis) {
    Figures f = new Figures(millis);
    return String.format(
        "| %s | %d | %s | %s | %s |",
        name,
        f.count(),
        Figures.seconds(f.median()),
        Figures.seconds(f.percentile(90)),
        Figures.seconds(f.max()));
  }
}
