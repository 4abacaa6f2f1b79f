package io.ccpulse.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTest {
  @Test
  void defaultsWorkOnTheLocalStack() {
    PipelineConfig config = PipelineConfig.defaults();
    assertThat(config.get("kafka.bootstrap.servers")).isEqualTo("127.0.0.1:9092");
    assertThat(config.clickHouse().url()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123");
    assertThat(config.getDuration("event-time.max-out-of-orderness"))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fileThenArgumentsOverrideDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.properties");
    Files.writeString(
        file,
        "kafka.group.id=from-file\nsink.batch-size=100\nkafka.properties.security.protocol=SSL\n");
    PipelineConfig config =
        PipelineConfig.fromArgs("--sink.batch-size", "7", "--config", file.toString());
    assertThat(config.get("kafka.group.id")).isEqualTo("from-file");
    assertThat(config.getInt("sink.batch-size")).isEqualTo(7);
    assertThat(config.withPrefix("kafka.properties.")).containsEntry("security.protocol", "SSL");
  }

  @Test
  void rejectsUnknownKeysAndBadValuesClearly() {
    assertThatThrownBy(() -> PipelineConfig.fromArgs("--kafka.bootstrap", "x"))
        .hasMessageContaining("Unknown configuration key kafka.bootstrap");
    assertThatThrownBy(
            () ->
                PipelineConfig.fromArgs("--sink.flush-interval", "soon")
                    .getDuration("sink.flush-interval"))
        .hasMessageContaining("sink.flush-interval must be a duration such as 500ms");
    assertThatThrownBy(
            () -> PipelineConfig.fromArgs("--kafka.bounded", "yes").getBoolean("kafka.bounded"))
        .hasMessageContaining("kafka.bounded must be true or false");
  }

  @Test
  void everyDurationKeyTakesTheOneGrammar() {
    PipelineConfig c =
        PipelineConfig.fromArgs("--sink.flush-interval=1h30m", "--queue-health.cadence", "10 s");
    assertThat(c.getDuration("sink.flush-interval")).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.getDuration("queue-health.cadence")).isEqualTo(Duration.ofSeconds(10));
  }
}
