package io.ccpulse.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkSettingsTest {
  @Test
  void defaultsAreTheClusterSettingsWithEmptyKeysLeftToTheCluster() {
    var options = FlinkSettings.options(PipelineConfig.defaults());
    assertThat(options)
        .containsEntry("execution.checkpointing.interval", "1min")
        .containsEntry(
            "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true")
        .containsEntry("restart-strategy.type", "exponential-delay")
        .doesNotContainKey("execution.checkpointing.dir");
    assertThat(options.keySet())
        .noneMatch(
            k -> k.startsWith("flink.") || k.startsWith("kafka.") || k.startsWith("clickhouse."));
  }

  @Test
  void flinkKeysFromFileAndArgumentsReachTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.properties");
    Files.writeString(
        file,
        "flink.execution.checkpointing.dir=file:///checkpoints\nflink.parallelism.default=3\n");
    PipelineConfig config =
        PipelineConfig.fromArgs(
            "--config",
            file.toString(),
            "--flink.execution.checkpointing.interval",
            "30s",
            "--flink.state.backend.type",
            "hashmap");

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
    assertThat(env.getCheckpointConfig().getCheckpointInterval())
        .isEqualTo(Duration.ofSeconds(30).toMillis());
    assertThat(env.getCheckpointConfig().getExternalizedCheckpointRetention())
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    assertThat(env.getParallelism()).isEqualTo(3);
    var flink = env.getConfiguration();
    assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
        .isEqualTo("file:///checkpoints");
    assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
    assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(flink.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
  }

  @Test
  void onlyTheFlinkPrefixIsOpen() {
    assertThat(PipelineConfig.fromArgs("--flink.any.option", "x").withPrefix(FlinkSettings.PREFIX))
        .containsEntry("any.option", "x");
    assertThatThrownBy(() -> PipelineConfig.fromArgs("--flinkish.option", "x"))
        .hasMessageContaining("Unknown configuration key flinkish.option");
  }

  @Test
  void aLocalRunTakesHowCheckpointsWaitingOnAnOutageAreJudgedAndNothingElse() {
    var local =
        FlinkSettings.forLocalRun(
            PipelineConfig.defaults()
                .with(
                    java.util.Map.of(
                        "flink.execution.checkpointing.tolerable-failed-checkpoints", "7")));
    assertThat(local.toMap())
        .containsOnlyKeys(
            "execution.checkpointing.timeout",
            "execution.checkpointing.tolerable-failed-checkpoints");
    assertThat(local.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(7);
    assertThat(local.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
        .isEqualTo(Duration.ofMinutes(10));
  }
}
