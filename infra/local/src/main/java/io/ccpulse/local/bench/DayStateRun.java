package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;

/**
 * The job's state at the end of each simulated day ({@code --state-sample day}): the metrics job
 * runs unbounded while the scenario is published a day at a time ({@link DaySink}); after each day,
 * once the job's consumer group has committed every offset published (the sources commit when a
 * checkpoint completes, so that checkpoint holds the whole day), a sample: heap after a full GC
 * (the job runs in this JVM), the latest checkpoint's size (full checkpoints: the whole state) and,
 * on RocksDB, the entries of every state ({@link StateEntries}). The wall clock plays no part, so
 * the same days give the same figures however loaded the machine is, but for the heap's noise.
 */
final class DayStateRun {
  /** For one day to be read and checkpointed; a day of the weeks preset takes seconds. */
  private static final long DAY_LIMIT_MINUTES = 15;

  private DayStateRun() {}

  static List<String> run(BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out)
      throws Exception {
    Scenario scenario = StateRun.scenario(o);
    List<String> t = new ArrayList<>();
    for (String backend : o.stateBackends) {
      t.addAll(one(stack, base, o, scenario, backend, out));
    }
    return t;
  }

  private static List<String> one(
      BenchStack stack,
      PipelineConfig base,
      BenchOptions o,
      Scenario scenario,
      String backend,
      PrintStream out)
      throws Exception {
    TopicNames topics = stack.createTopics("state-" + backend);
    ClickHouseEndpoint db = stack.freshDatabase("bench_state_" + backend);
    PipelineConfig config = stack.jobConfig(base, topics, db, false);
    Configuration job = new Configuration();
    job.set(StateBackendOptions.STATE_BACKEND, backend);
    // Full checkpoints: each one's size is the whole state, comparable from day to day.
    job.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);
    // The cluster has them too; the job's own copy makes sure its RocksDB registers the gauges.
    job.addAll(Configuration.fromMap(StateEntries.clusterSettings()));
    out.println();
    out.printf(
        "State per day on %s: publishing %s a day at a time, the metrics job unbounded...%n",
        backend, scenario);
    LocalDate first = LocalDate.ofInstant(scenario.start(), ZoneOffset.UTC);
    List<StateDay> days = new ArrayList<>();
    long t0 = System.nanoTime();
    JobID id = stack.submit(stack.graph(config, "ccpulse bench state " + backend, job));
    try (KafkaOutput kafka = new KafkaOutput(stack.bootstrapServers(), topics);
        GroupLag lag =
            new GroupLag(
                stack.bootstrapServers(),
                config.get("kafka.group.id"),
                List.of(topics.interactions(), topics.agentStates(), topics.surveys()),
                stack.partitions())) {
      DaySink daySink =
          new DaySink(
              kafka,
              scenario.start(),
              (date, records) -> {
                awaitCheckpointed(stack, id, lag, date);
                int day = (int) ChronoUnit.DAYS.between(first, date) + 1;
                StateDay d = sample(stack, id, day, date, records);
                days.add(d);
                out.println("  " + d);
              });
      Simulator.run(scenario, daySink, false);
      daySink.finish();
    } finally {
      stack.cancel(id);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> t = new ArrayList<>();
    t.add("");
    t.add(
        String.format(
            "State per simulated day, %s x%d (seed %d), %s backend: %s; %,d records in %.0f s; the"
                + " metrics job unbounded, each day published, then read and checkpointed (every"
                + " offset committed), then heap after a full GC, the latest full checkpoint%s:",
            o.preset.label(),
            o.stateScale,
            o.seed,
            backend,
            scenario,
            days.isEmpty() ? 0 : days.get(days.size() - 1).records(),
            seconds,
            days.stream().anyMatch(StateDay::hasEntries)
                ? " and RocksDB's estimated entries (top 3 states)"
                : ""));
    days.forEach(d -> t.add("  " + d));
    t.addAll(StateVerdict.lines(days, scenario.agents()));
    t.addAll(entriesTable(days));
    return t;
  }

  /** Waits until the job has committed every record published at a completed checkpoint. */
  private static void awaitCheckpointed(BenchStack stack, JobID job, GroupLag lag, LocalDate date)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(DAY_LIMIT_MINUTES);
    while (lag.behind() > 0) {
      if (stack.restarted(job)) {
        throw new IllegalStateException("the state run's job failed over on " + date);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            date + " was not read and checkpointed within " + DAY_LIMIT_MINUTES + " min");
      }
      Thread.sleep(500);
    }
  }

  private static StateDay sample(BenchStack stack, JobID job, int day, LocalDate date, long records)
      throws Exception {
    long heap = BenchStack.heapAfterGc();
    CompletedCheckpointStats latest = stack.latestCheckpoint(job);
    return new StateDay(
        day,
        date,
        records,
        heap,
        latest == null ? -1 : latest.getCheckpointId(),
        latest == null ? 0 : latest.getStateSize(),
        StateEntries.byState());
  }

  /** Every state's entries at the end of each week (and the last day), most first. */
  private static List<String> entriesTable(List<StateDay> days) {
    List<StateDay> shown =
        days.stream()
            .filter(d -> d.hasEntries() && (d.day() % 7 == 0 || d == days.get(days.size() - 1)))
            .toList();
    if (shown.isEmpty()) {
      return List.of();
    }
    StateDay last = shown.get(shown.size() - 1);
    TreeSet<String> states = new TreeSet<>();
    shown.forEach(d -> states.addAll(d.entries().keySet()));
    List<String> t = new ArrayList<>();
    StringBuilder head = new StringBuilder("| state @ operator |");
    StringBuilder rule = new StringBuilder("|---|");
    shown.forEach(
        d -> {
          head.append(" day ").append(d.day()).append(" |");
          rule.append("---|");
        });
    t.add(head.toString());
    t.add(rule.toString());
    states.stream()
        .sorted(
            Comparator.comparing((String s) -> last.entries().getOrDefault(s, 0L))
                .reversed()
                .thenComparing(Comparator.naturalOrder()))
        .forEach(
            s -> {
              StringBuilder row = new StringBuilder("| " + s + " |");
              for (StateDay d : shown) {
                Map<String, Long> e = d.entries();
                row.append(String.format(" %,d |", e.getOrDefault(s, 0L)));
              }
              t.add(row.toString());
            });
    return t;
  }
}
