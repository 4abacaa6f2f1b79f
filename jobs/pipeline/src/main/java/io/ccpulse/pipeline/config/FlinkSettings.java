package io.ccpulse.pipeline.config;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;

/**
 * The job's Flink runtime options: every {@code flink.*} key of the {@link PipelineConfig}, the
 * prefix removed, e.g. {@code flink.execution.checkpointing.interval=1min} is Flink's {@code
 * execution.checkpointing.interval}. Checkpointing, the state backend and the restart strategy are
 * thus configuration like the rest, documented in {@code ccpulse-defaults.properties}.
 *
 * <p>A key with an empty value is left out, so the cluster's own setting applies (e.g. the
 * checkpoint directory, which belongs to the cluster's storage).
 */
public final class FlinkSettings {
  /** The prefix of the keys passed to Flink. */
  public static final String PREFIX = "flink.";

  private FlinkSettings() {}

  /**
   * The options as a Flink configuration, for {@code
   * StreamExecutionEnvironment.getExecutionEnvironment}.
   */
  public static Configuration of(PipelineConfig config) {
    return Configuration.fromMap(options(config));
  }

  /**
   * The options a local run (make run, the benchmark, the tests' clusters) takes as configured: how
   * long a checkpoint may take and how many may fail, so a checkpoint waiting on a ClickHouse
   * outage is judged as in a deployment. Their checkpoint storage, interval and state backend stay
   * their own.
   */
  public static Configuration forLocalRun(PipelineConfig config) {
    Map<String, String> local = new TreeMap<>(options(config));
    local
        .keySet()
        .retainAll(
            java.util.Set.of(
                "execution.checkpointing.timeout",
                "execution.checkpointing.tolerable-failed-checkpoints"));
    return Configuration.fromMap(local);
  }

  /** The options by Flink key, empty values left out. */
  public static Map<String, String> options(PipelineConfig config) {
    Map<String, String> options = new TreeMap<>();
    config
        .withPrefix(PREFIX)
        .forEach(
            (key, value) -> {
              if (!value.isBlank()) {
                options.put(key, value);
              }
            });
    return options;
  }
}
