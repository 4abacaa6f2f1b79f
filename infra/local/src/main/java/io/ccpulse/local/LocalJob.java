package io.ccpulse.local;

import io.ccpulse.pipeline.PipelineJob;
import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the pipeline's two jobs in a local MiniCluster each (web UI on 8081 and the next free port)
 * until their bounded input is done: the live job first (queue health and alerts, to Kafka), then
 * the metrics job (everything to ClickHouse, the live job's output copied there).
 */
final class LocalJob {
  private LocalJob() {}

  static void run(PipelineConfig config, long expectedEvents, PrintStream out) throws Exception {
    Configuration cluster =
        FlinkSettings.forLocalRun(config); // a checkpoint waiting on ClickHouse is tolerated
    cluster.set(RestOptions.BIND_PORT, "8081-8099");
    // Counts the rows a table's TTL deletes as they are written, for the summary.
    cluster.addAll(Configuration.fromMap(ExpiredRows.reporterSettings()));
    // Checkpoints on local disk: the JobManager's in-memory storage refuses state over 5 MB (large
    // day).
    cluster.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    cluster.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        java.nio.file.Path.of(".local", "checkpoints").toAbsolutePath().toUri().toString());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(cluster);
    env.setParallelism(2);
    env.enableCheckpointing(Duration.ofSeconds(10).toMillis());
    long t0 = System.nanoTime();
    out.println(
        "Running the live job (queue health and alerts, to Kafka), then the metrics job (to ClickHouse);"
            + " web UI on http://127.0.0.1:8081 (or the next free port)");
    List<JobClient> jobs = PipelineJob.onKafka(config).start(env);
    JobClient job = jobs.get(jobs.size() - 1);
    out.printf(
        "Live job done in %.1f s; metrics job %s running%n",
        (System.nanoTime() - t0) / 1e9, job.getJobID());
    var result = job.getJobExecutionResult();
    while (!result.isDone()) {
      try {
        result.get(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException stillRunning) {
        out.printf(
            "  %5.0f s  %s%n", (System.nanoTime() - t0) / 1e9, progress(config, expectedEvents));
      }
    }
    result.get(); // rethrows a failure
    out.printf(
        "Job finished in %.1f s: %s%n",
        (System.nanoTime() - t0) / 1e9, progress(config, expectedEvents));
  }

  /**
   * Events counted so far (ingest counts land as their minutes close) and interval rows written.
   */
  private static String progress(PipelineConfig config, long expectedEvents) {
    try (Connection conn = config.clickHouse().open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT (SELECT sum(events) FROM ingest_counts FINAL),"
                    + " (SELECT count() FROM interval_metrics), (SELECT count() FROM rejected_events)")) {
      rs.next();
      long events = rs.getLong(1);
      return String.format(
          "%,d of %,d events accepted and counted (%.0f%%), %,d interval rows, %,d rejected",
          events,
          expectedEvents,
          100.0 * events / Math.max(1, expectedEvents),
          rs.getLong(2),
          rs.getLong(3));
    } catch (Exception e) {
      return "(progress unavailable: " + e.getMessage() + ")";
    }
  }
}
