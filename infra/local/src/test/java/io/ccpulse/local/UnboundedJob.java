package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.pipeline.PipelineJob;
import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.output.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The real graph on Kafka without end, submitted as PipelineMain does it (with the configuration's
 * {@code flink.*} options: restart strategy, checkpointing) to a test's MiniCluster; and waiting
 * for such a job, which never ends by itself, to reach a condition.
 */
final class UnboundedJob {
  private UnboundedJob() {}

  /**
   * The job's defaults on the test's topics and database, per-event watermarks, checkpoints every 2
   * s, {@code more} last. Kafka outputs (level changes, alerts) only when their topics are given.
   */
  static PipelineConfig config(
      KafkaBrokerExtension kafka,
      TopicNames topics,
      String group,
      ClickHouseEndpoint endpoint,
      Map<String, String> more) {
    Map<String, String> settings = new HashMap<>();
    PipelineConfig.defaults()
        .withPrefix("kafka.topic.")
        .keySet()
        .forEach(k -> settings.put("kafka.topic." + k, ""));
    settings.putAll(
        Map.of(
            "kafka.bootstrap.servers", kafka.bootstrapServers(),
            "kafka.topic.interactions", topics.interactions(),
            "kafka.topic.agent-states", topics.agentStates(),
            "kafka.topic.surveys", topics.surveys(),
            "kafka.group.id", group,
            "event-time.watermark-per-event", "true",
            "flink.execution.checkpointing.interval", "2s",
            "flink.execution.checkpointing.min-pause", "500ms",
            "clickhouse.url", endpoint.url(),
            "clickhouse.database", endpoint.database()));
    settings.putAll(more);
    return PipelineConfig.defaults().with(settings);
  }

  /**
   * Submits the metrics job, restored from {@code savepoint} if not null; checkpoints go under
   * {@code dir}.
   */
  static JobClient start(PipelineConfig config, Path dir, String savepoint, int parallelism)
      throws Exception {
    return start(config, dir, savepoint, parallelism, false);
  }

  /** Submits the live job (queue health and alerts to Kafka); checkpoints go under {@code dir}. */
  static JobClient startLive(PipelineConfig config, Path dir, int parallelism) throws Exception {
    return start(config, dir, null, parallelism, true);
  }

  private static JobClient start(
      PipelineConfig config, Path dir, String savepoint, int parallelism, boolean live)
      throws Exception {
    Configuration flink = FlinkSettings.of(config);
    flink.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(parallelism);
    if (live) {
      PipelineJob.onKafka(config).buildLive(env);
    } else {
      PipelineJob.onKafka(config).buildMetrics(env);
    }
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(config.get("kafka.group.id") + (live ? "-live" : ""));
    if (savepoint != null) {
      graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
    }
    return env.executeAsync(graph);
  }

  /**
   * Whether every interval and agent-time row of the truth is in ClickHouse as it should be, yet.
   */
  static boolean truthMatches(Simulation sim, ClickHouseEndpoint endpoint) {
    try {
      return TruthComparison.compare(sim.truth(), endpoint).allMatch();
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Polls until the condition holds or the timeout passes; a job that ended meanwhile (an unbounded
   * one never should) fails the test with its cause.
   */
  static boolean poll(Duration timeout, BooleanSupplier condition, JobClient... jobs)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      for (JobClient job : jobs) {
        if (job.getJobExecutionResult().isDone()) {
          job.getJobExecutionResult().get();
          throw new AssertionError("Job " + job.getJobID() + " ended");
        }
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(500);
    }
    return true;
  }
}
