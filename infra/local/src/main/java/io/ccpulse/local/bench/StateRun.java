package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.ProgressSink;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobmaster.JobResult;

/**
 * Is the job's state bounded? A day {@code scale} times the preset's (tenants and agents
 * multiplied, the same 24 hours: that many times the records) through the metrics job, bounded,
 * while a thread samples the heap after a full GC (the job runs in this JVM: the MiniCluster), the
 * latest completed checkpoint's size (the heap state backend snapshots the whole state each time,
 * so its size is the state's) and how far the job has got (the events it has counted in {@code
 * ingest_counts}, as the sink has written them). Flat over the day means bounded; growth with
 * records read means something is kept.
 */
final class StateRun {
  private static final long LIMIT_MINUTES = 60;

  /** One sample: seconds since submit, share of the records counted, heap, checkpoint. */
  record Sample(
      double seconds, double read, long heapAfterGc, long checkpointId, long checkpointBytes) {
    @Override
    public String toString() {
      return String.format(
          "%6.0f s  %5.1f %% of the records counted  heap after GC %,6d MiB  checkpoint %s",
          seconds,
          read * 100,
          heapAfterGc >> 20,
          checkpointId < 0
              ? "none yet"
              : String.format("#%d %,.1f MiB", checkpointId, checkpointBytes / 1048576.0));
    }
  }

  private StateRun() {}

  static List<String> run(BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out)
      throws Exception {
    Scenario scenario = scenario(o);
    TopicNames topics = stack.createTopics("state");
    out.println();
    out.printf("State: publishing %s into Kafka...%n", scenario);
    long published;
    try (KafkaOutput kafka = new KafkaOutput(stack.bootstrapServers(), topics)) {
      ProgressSink progress = new ProgressSink(kafka, out, 10);
      Simulator.run(scenario, progress, false);
      progress.flush();
      published = progress.count();
      out.printf("Published %,d records in %.1f s%n", published, progress.elapsedSeconds());
    }
    ClickHouseEndpoint db = stack.freshDatabase("bench_state");
    PipelineConfig config = stack.jobConfig(base, topics, db, true);
    List<Sample> samples = new ArrayList<>();
    long t0 = System.nanoTime();
    JobID job = stack.submit(stack.graph(config, "ccpulse bench state", false));
    JobResult result = null;
    long deadline = t0 + TimeUnit.MINUTES.toNanos(LIMIT_MINUTES);
    while (result == null) {
      try {
        result =
            stack
                .flink()
                .requestJobResult(job)
                .get(o.stateSample.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException running) {
        if (System.nanoTime() > deadline || stack.restarted(job)) {
          stack.cancel(job);
          throw new IllegalStateException(
              "the state run failed over or did not finish within " + LIMIT_MINUTES + " min");
        }
        Sample s = sample(stack, job, db, published, t0);
        samples.add(s);
        out.println("  " + s);
      }
    }
    if (!result.isSuccess()) {
      throw new IllegalStateException("the state run's job failed");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> t = new ArrayList<>();
    t.add("");
    t.add(
        String.format(
            "State, %s x%d (seed %d): %s; %,d records in %.0f s; heap after a full GC and the"
                + " latest checkpoint every %d s:",
            o.preset.label(),
            o.stateScale,
            o.seed,
            scenario,
            published,
            seconds,
            o.stateSample.toSeconds()));
    samples.forEach(s -> t.add("  " + s));
    return t;
  }

  /** The preset with tenants and agents times {@code --state-scale}. */
  static Scenario scenario(BenchOptions o) {
    Scenario preset = o.preset.builder().seed(o.seed).build();
    return preset.toBuilder()
        .tenants(preset.tenants() * o.stateScale)
        .agents(preset.agents() * o.stateScale)
        .build();
  }

  private static Sample sample(
      BenchStack stack, JobID job, ClickHouseEndpoint db, long published, long t0)
      throws Exception {
    long heap = BenchStack.heapAfterGc();
    CompletedCheckpointStats latest = stack.latestCheckpoint(job);
    long counted;
    try (Connection c = db.open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT sum(events) FROM ingest_counts FINAL")) {
      counted = rs.next() ? rs.getLong(1) : 0;
    }
    return new Sample(
        (System.nanoTime() - t0) / 1e9,
        Math.min(1.0, counted / (double) published),
        heap,
        latest == null ? -1 : latest.getCheckpointId(),
        latest == null ? 0 : latest.getStateSize());
  }
}
