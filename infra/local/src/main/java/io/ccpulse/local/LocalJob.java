package io.ccpulse.local;

import io.ccpulse.pipeline.PipelineJob;
import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

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
    // One after the other, each watched: the metrics job copies the live job's topics, up to the
    // offsets they have when it starts.
    for (JobClient live : PipelineJob.onKafka(config.with(Map.of("job", "live"))).start(env)) {
      await(live, t0, out, () -> liveProgress(config));
      out.printf(
          "Live job done in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, liveProgress(config));
    }
    JobClient job = PipelineJob.onKafka(config.with(Map.of("job", "metrics"))).start(env).get(0);
    out.printf("Metrics job %s running%n", job.getJobID());
    await(job, t0, out, () -> progress(config, expectedEvents));
    out.printf(
        "Job finished in %.1f s: %s%n",
        (System.nanoTime() - t0) / 1e9, progress(config, expectedEvents));
  }

  /** Waits for the job, a progress line every 5 s; rethrows its failure. */
  private static void await(JobClient job, long t0, PrintStream out, Supplier<String> progress)
      throws Exception {
    var result = job.getJobExecutionResult();
    while (!result.isDone()) {
      try {
        result.get(5, TimeUnit.SECONDS);
      } catch (TimeoutException stillRunning) {
        out.printf("  %5.0f s  %s%n", (System.nanoTime() - t0) / 1e9, progress.get());
      }
    }
    result.get();
  }

  /** What the live job has sent to its topics so far. */
  private static String liveProgress(PipelineConfig config) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
    try (Admin admin = Admin.create(props)) {
      return String.format(
          "live job: %,d queue-health snapshots, %,d alert messages sent",
          messages(admin, config.get("kafka.topic.queue-health")),
          messages(admin, config.get("kafka.topic.queue-alerts")));
    } catch (Exception e) {
      return "(progress unavailable: " + e.getMessage() + ")";
    }
  }

  /** Messages in a topic (the sum of its partitions' end offsets); 0 for no topic. */
  static long messages(Admin admin, String topic) throws Exception {
    if (topic.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var d : admin.describeTopics(List.of(topic)).allTopicNames().get().values()) {
      d.partitions()
          .forEach(
              p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
    }
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
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
