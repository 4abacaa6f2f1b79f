package io.ccpulse.local.bench;

import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.SimulationResult;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.ProgressSink;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.TruthRow;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The throughput part: the day published once, then rounds of the raw consume, the pipeline at each
 * parallelism asked for, and the do-it-yourself peer, one after the other so each round sees the
 * same state of a shared machine. Prints a line per run and returns the summary table.
 */
final class ThroughputRun {
  private ThroughputRun() {}

  static List<String> run(BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out)
      throws Exception {
    Scenario scenario = o.preset.builder().seed(o.seed).build();
    TopicNames topics = stack.createTopics("bench");
    out.println();
    out.printf(
        "Throughput: publishing %s into Kafka (%d partitions per topic)...%n",
        scenario, o.partitions);
    long published;
    List<TruthRow> truth;
    try (KafkaOutput kafka = new KafkaOutput(stack.bootstrapServers(), topics)) {
      ProgressSink progress = new ProgressSink(kafka, out, 10);
      // The truth only for the peer's check, and only the rows it is compared with.
      SimulationResult sim = Simulator.run(scenario, progress, o.peer);
      progress.flush();
      published = progress.count();
      truth =
          sim.truth().stream()
              .filter(
                  r ->
                      r.kind() == EntityKind.QUEUE
                          && r.intervalSize().equals(Duration.ofMinutes(15)))
              .toList();
      out.printf("Published %,d records in %.1f s%n", published, progress.elapsedSeconds());
    }

    List<RawConsume.Result> raws = new ArrayList<>();
    Map<Integer, List<BoundedJobRound.Result>> jobs = new LinkedHashMap<>();
    List<PeerRun.Result> peers = new ArrayList<>();
    for (int round = 1; round <= o.rounds; round++) {
      RawConsume.Result raw =
          RawConsume.run(stack.bootstrapServers(), topics, "bench-raw-" + round);
      if (raw.records() != published) {
        throw new IllegalStateException(
            "the raw consumer read "
                + raw.records()
                + " records, "
                + published
                + " were published");
      }
      raws.add(raw);
      out.printf(
          "Round %d  raw consume: %,d records, %.1f MB in %.2f s = %,.0f records/s, %.1f MB/s%n",
          round,
          raw.records(),
          raw.bytes() / 1e6,
          raw.millis() / 1000.0,
          raw.recordsPerSecond(),
          raw.megabytesPerSecond());
      if (o.pipeline) {
        for (int p : o.parallelisms) {
          String db = "bench_r" + round + (o.parallelisms.size() > 1 ? "_p" + p : "");
          BoundedJobRound.Result job =
              BoundedJobRound.run(stack, base, topics, db, published, o.live, p);
          jobs.computeIfAbsent(p, k -> new ArrayList<>()).add(job);
          printJob(out, round, p, o, job, raw);
        }
      }
      if (o.peer) {
        PeerRun.Result peer =
            PeerRun.run(stack, topics.interactions(), "bench_peer" + round, truth);
        peers.add(peer);
        out.printf("Round %d  peer:        %s%n", round, peer);
      }
    }
    return summary(o, raws, jobs, peers);
  }

  private static void printJob(
      PrintStream out,
      int round,
      int parallelism,
      BenchOptions o,
      BoundedJobRound.Result job,
      RawConsume.Result raw) {
    String p = o.parallelisms.size() > 1 ? " p" + parallelism : "";
    if (job.live() != null) {
      out.printf("Round %d  live job%s:    %s%n", round, p, job.live());
    }
    out.printf(
        "Round %d  pipeline%s:    %,d records (all read by the job), submit -> finished %.2f s = %,.0f records/s (job RUNNING -> FINISHED %.2f s);"
            + " last rows readable %.2f s after submit%n",
        round,
        p,
        job.records(),
        job.submitToFinishedMs() / 1000.0,
        job.recordsPerSecond(),
        job.runningToFinishedMs() / 1000.0,
        job.submitToReadableMs() / 1000.0);
    out.printf(
        "          wrote %s; pipeline/raw = %.3f%n",
        job.rows(), job.recordsPerSecond() / raw.recordsPerSecond());
    out.printf(
        "          %s; %,.0f records per CPU-second%n", job.cpu(), job.recordsPerCpuSecond());
    out.printf(
        "          ClickHouse CPU by thread: %s%n", ThreadCpu.describe(job.clickhouseThreads()));
    long measured = job.jobThreads().values().stream().mapToLong(Long::longValue).sum();
    out.printf(
        "          this JVM's CPU by operator chain or thread (%.1f s of its %.1f s; the rest is"
            + " threads between polls and the VM's others): %s%n",
        measured / 1000.0, job.cpu().jvmMs() / 1000.0, ThreadCpu.describe(job.jobThreads()));
    out.printf("          ClickHouse did: %s%n", job.clickhouseWork());
    out.printf("          %s%n", job.tables().describe(job.records()));
  }

  private static List<String> summary(
      BenchOptions o,
      List<RawConsume.Result> raws,
      Map<Integer, List<BoundedJobRound.Result>> jobs,
      List<PeerRun.Result> peers) {
    RawConsume.Result any = raws.get(0);
    List<String> t = new ArrayList<>();
    t.add(
        String.format(
            "Throughput, %s (seed %d): %,d records (%.1f MB), %d rounds; parallelism %s, %d partitions per topic; %s",
            o.preset.label(),
            o.seed,
            any.records(),
            any.bytes() / 1e6,
            o.rounds,
            o.parallelisms,
            o.partitions,
            o.live
                ? "the live job first, then the metrics job (timed, and its CPU counted, below)"
                : "the metrics job alone"));
    t.add("| measure | rounds | median | best |");
    t.add("|---|---|---|---|");
    t.add(
        row(
            "raw Kafka consume, records/s",
            raws,
            RawConsume.Result::recordsPerSecond,
            true,
            Figures::thousands));
    DoubleFunction<String> s2 = v -> String.format("%.2f", v);
    DoubleFunction<String> s1 = v -> String.format("%.1f", v);
    jobs.forEach(
        (p, rounds) -> {
          String at = o.parallelisms.size() > 1 ? " (parallelism " + p + ")" : "";
          t.add(
              row(
                  "pipeline" + at + ", records/s (submit -> finished)",
                  rounds,
                  BoundedJobRound.Result::recordsPerSecond,
                  true,
                  Figures::thousands));
          t.add(
              row(
                  "pipeline" + at + ", submit -> finished, s",
                  rounds,
                  r -> r.submitToFinishedMs() / 1000.0,
                  false,
                  s2));
          t.add(
              row(
                  "pipeline" + at + " CPU (this JVM + ClickHouse), s",
                  rounds,
                  r -> r.cpu().totalMs() / 1000.0,
                  false,
                  s1));
          t.add(
              row(
                  "pipeline" + at + " CPU of ClickHouse, s",
                  rounds,
                  r -> r.cpu().clickhouseMs() / 1000.0,
                  false,
                  s1));
          t.add(
              row(
                  "pipeline" + at + ", records per CPU-second",
                  rounds,
                  BoundedJobRound.Result::recordsPerCpuSecond,
                  true,
                  Figures::thousands));
          t.add(
              row(
                  "pipeline" + at + ", rows written (every table) per record read",
                  rounds,
                  r -> r.tables().total() / (double) r.records(),
                  false,
                  v -> String.format("%.3f", v)));
          if (o.live) {
            t.add(
                row(
                    "live job" + at + " CPU (this JVM), s",
                    rounds,
                    r -> r.live().cpu().jvmMs() / 1000.0,
                    false,
                    s1));
          }
          List<Double> ratios = new ArrayList<>();
          for (int i = 0; i < rounds.size(); i++) {
            ratios.add(rounds.get(i).recordsPerSecond() / raws.get(i).recordsPerSecond());
          }
          t.add(
              row(
                  "pipeline" + at + " / raw consume (same round)",
                  ratios,
                  v -> v,
                  true,
                  v -> String.format("%.3f", v)));
        });
    if (!peers.isEmpty()) {
      t.add(
          row(
              "peer: load (consume, decode, RowBinary INSERT), s",
              peers,
              r -> r.loadMs() / 1000.0,
              false,
              s2));
      t.add(
          row(
              "peer: load CPU (this JVM + ClickHouse), s",
              peers,
              r -> r.loadCpu().totalMs() / 1000.0,
              false,
              s1));
      t.add(row("peer: the query, s", peers, r -> r.queryMs() / 1000.0, false, s2));
      t.add(
          row(
              "peer: the query's CPU (ClickHouse), s",
              peers,
              r -> r.queryCpu().clickhouseMs() / 1000.0,
              false,
              s1));
      t.add(
          row(
              "peer: records per CPU-second (load + query)",
              peers,
              r -> r.records() * 1000.0 / r.totalCpuMs(),
              true,
              Figures::thousands));
      t.add(
          row(
              "peer: 15-minute queue rows unlike the truth",
              peers,
              r -> (double) r.truth().differences(),
              false,
              Figures::thousands));
      PeerRun.Result p = peers.get(peers.size() - 1);
      t.add("Peer against the truth (last round): " + p.truth() + "; e.g. " + p.truth().examples());
    }
    return t;
  }

  private static <R> String row(
      String name,
      List<R> rounds,
      Function<R, Double> value,
      boolean higherIsBetter,
      DoubleFunction<String> format) {
    List<Double> values = rounds.stream().map(value).toList();
    Figures f = new Figures(values);
    return String.format(
        "| %s | %s | %s | %s |",
        name,
        Figures.joined(values, format),
        format.apply(f.median()),
        format.apply(higherIsBetter ? f.max() : f.min()));
  }
}
