package io.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

  private static final Path DIR = Path.of("/tmp/ccpulse-kafka-unit");

  @Test
  void combinedBrokerAndControllerOnTwoListeners() {
    Properties p = BrokerProperties.build("127.0.0.1", 9092, 9093, DIR, Map.of());

    assertThat(p)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
        .containsEntry("log.dirs", DIR.toAbsolutePath().toString())
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1");
  }

  @Test
  void kafkaAcceptsTheConfiguration() {
    KafkaConfig config =
        KafkaConfig.fromProps(
            BrokerProperties.build("127.0.0.1", 9092, 9093, DIR, Map.of()), false);

    assertThat(config.nodeId()).isEqualTo(1);
    assertThat(config.metadataLogDir()).isEqualTo(DIR.toAbsolutePath().toString());
    assertThat(config.autoCreateTopicsEnable()).isFalse();
  }

  /** A misspelt key would be ignored silently by the broker; catch it here. */
  @Test
  void everyKeyIsAKnownBrokerSetting() {
    Properties p = BrokerProperties.build("127.0.0.1", 9092, 9093, DIR, Map.of());

    assertThat(KafkaConfig.configDef().names()).containsAll(p.stringPropertyNames());
  }

  @Test
  void extraPropertiesOverrideTheDefaults() {
    Properties p =
        BrokerProperties.build(
            "127.0.0.1",
            9092,
            9093,
            DIR,
            Map.of("auto.create.topics.enable", "true", "log.retention.hours", "1"));

    assertThat(p)
        .containsEntry("auto.create.topics.enable", "true")
        .containsEntry("log.retention.hours", "1");
  }

  @Test
  void wildcardHostIsAdvertisedAsLocalhost() {
    Properties p = BrokerProperties.build("0.0.0.0", 9092, 9093, DIR, Map.of());

    assertThat(p)
        .containsEntry("listeners", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093")
        .containsEntry("advertised.listeners", "PLAINTEXT://localhost:9092");
  }
}
