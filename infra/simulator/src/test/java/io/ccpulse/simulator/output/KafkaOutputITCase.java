package io.ccpulse.simulator.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.cli.SimulateMain;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator publishes to a real broker exactly what it delivers in memory. */
class KafkaOutputITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final Scenario SCENARIO =
      Preset.SMALL.builder().seed(31).duration(Duration.ofHours(3)).build();

  @Test
  void everyRecordArrivesWithItsKeyValueAndDeliveryTime() {
    TopicNames topics = KafkaTopics.create(KAFKA, 3);
    Simulation sim = Simulator.run(SCENARIO);
    try (KafkaOutput kafka = new KafkaOutput(KAFKA.bootstrapServers(), topics)) {
      sim.publish(kafka);
    }
    for (EventStream s : EventStream.values()) {
      List<DeliveredRecord> sent = sim.records(s);
      List<ConsumerRecord<byte[], byte[]>> got =
          KafkaTopics.readAll(KAFKA, topics.of(s), sent.size());
      assertThat(got).as("%s", s).hasSameSizeAs(sent);
      assertSameRecordsInKeyOrder(sent, got);
    }
  }

  @Test
  void everyBadRecordIsNotedWhereItLanded() {
    TopicNames topics = KafkaTopics.create(KAFKA, 3);
    FaultSettings faults =
        FaultSettings.defaults()
            .withTooLate(0.05, Duration.ofMinutes(5), null)
            .withUnreadableRate(0.01)
            .withUnknownSchemaRate(0.01)
            .withImpossibleRate(0.05);
    Simulation sim =
        Simulator.run(
            Preset.SMALL.builder().seed(31).duration(Duration.ofHours(3)).faults(faults).build());
    List<BadRecord> noted;
    try (KafkaOutput kafka = new KafkaOutput(KAFKA.bootstrapServers(), topics)) {
      sim.publish(kafka);
      noted = kafka.badRecords();
    }
    for (EventStream s : EventStream.values()) {
      // The values found at the noted positions, per fault, are exactly the bad records sent.
      Map<String, List<String>> sent = new HashMap<>();
      sim.records(s).stream()
          .filter(r -> r.fault().rejectedAs() != null)
          .forEach(
              r ->
                  sent.computeIfAbsent(r.fault().name(), f -> new ArrayList<>())
                      .add(Arrays.toString(r.value())));
      Map<String, byte[]> byPosition = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r :
          KafkaTopics.readAll(KAFKA, topics.of(s), sim.records(s).size())) {
        byPosition.put(r.partition() + "@" + r.offset(), r.value());
      }
      Map<String, List<String>> found = new HashMap<>();
      noted.stream()
          .filter(b -> b.topic().equals(topics.of(s)))
          .forEach(
              b ->
                  found
                      .computeIfAbsent(b.fault().name(), f -> new ArrayList<>())
                      .add(Arrays.toString(byPosition.get(b.partition() + "@" + b.offset()))));
      sent.values().forEach(v -> v.sort(null));
      found.values().forEach(v -> v.sort(null));
      assertThat(found).as("%s", s).isEqualTo(sent);
    }
    assertThat(noted)
        .extracting(BadRecord::fault)
        .contains(Fault.TOO_LATE, Fault.UNREADABLE, Fault.UNKNOWN_SCHEMA, Fault.IMPOSSIBLE);
  }

  @Test
  void theCommandLineCreatesTopicsAndPublishes() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TopicNames topics = new TopicNames("cli-i-" + suffix, "cli-a-" + suffix, "cli-s-" + suffix);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        SimulateMain.run(
            new String[] {
              "--preset",
              "small",
              "--seed",
              "31",
              "--duration",
              "3h",
              "--output",
              "kafka",
              "--bootstrap-servers",
              KAFKA.bootstrapServers(),
              "--partitions",
              "2",
              "--topic-interactions",
              topics.interactions(),
              "--topic-agent-states",
              topics.agentStates(),
              "--topic-surveys",
              topics.surveys(),
              "--progress",
              "0"
            },
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      var described = admin.describeTopics(Set.of(topics.interactions())).allTopicNames().get();
      assertThat(described.get(topics.interactions()).partitions()).hasSize(2);
    }
    Simulation sim = Simulator.run(SCENARIO);
    for (EventStream s : EventStream.values()) {
      List<DeliveredRecord> sent = sim.records(s);
      List<ConsumerRecord<byte[], byte[]>> got =
          KafkaTopics.readAll(KAFKA, topics.of(s), sent.size());
      assertThat(got).as("%s", s).hasSameSizeAs(sent);
      assertSameRecordsInKeyOrder(sent, got);
    }
  }

  /**
   * Kafka keeps order per partition, so per key: the same values and timestamps in the same order.
   */
  private static void assertSameRecordsInKeyOrder(
      List<DeliveredRecord> sent, List<ConsumerRecord<byte[], byte[]>> got) {
    Map<String, List<String>> expected = new HashMap<>();
    for (DeliveredRecord r : sent) {
      expected
          .computeIfAbsent(r.key(), k -> new ArrayList<>())
          .add(r.deliveredAtMillis() + ":" + Arrays.toString(r.value()));
    }
    Map<String, List<String>> actual = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : got) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      actual
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(r.timestamp() + ":" + Arrays.toString(r.value()));
    }
    assertThat(actual).isEqualTo(expected);
  }
}
