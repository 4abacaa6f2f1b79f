package io.ccpulse.infra.kafka;

import static io.ccpulse.infra.kafka.Records.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerExtensionITCase {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Topic each isolation test got for the same base name. */
  private static final Map<String, String> ISOLATION_TOPICS = new ConcurrentHashMap<>();

  @Test
  void bytesRoundTripWithKeysAndPartitionOrder() throws Exception {
    String topic = KAFKA.topic("roundtrip", 3);
    List<String> keysAndValues = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      keysAndValues.add("agent-" + (i % 4));
      keysAndValues.add(String.valueOf(i));
    }
    Records.produce(KAFKA.producerProperties(), topic, keysAndValues.toArray(String[]::new));

    List<ConsumerRecord<byte[], byte[]>> records =
        Records.consume(KAFKA.consumerProperties("roundtrip"), topic, 30, TIMEOUT);

    assertThat(records).hasSize(30);
    // Every value kept its key.
    assertThat(records)
        .allSatisfy(
            r ->
                assertThat(string(r.key()))
                    .isEqualTo("agent-" + Integer.parseInt(string(r.value())) % 4));
    // Same key, same partition; within a partition, the order they were sent.
    Map<Integer, List<Integer>> byPartition =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::partition,
                    Collectors.mapping(
                        r -> Integer.parseInt(string(r.value())), Collectors.toList())));
    byPartition.values().forEach(values -> assertThat(values).isSorted());
    Map<String, Set<Integer>> partitionsOfKey =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    r -> string(r.key()),
                    Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
    partitionsOfKey.values().forEach(partitions -> assertThat(partitions).hasSize(1));
  }

  @Test
  void adminSeesTheCreatedTopics() throws Exception {
    String one = KAFKA.topic("admin");
    String three = KAFKA.topic("admin", 3);

    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).contains(one, three);
      Map<String, TopicDescription> d =
          admin.describeTopics(List.of(one, three)).allTopicNames().get();
      assertThat(d.get(one).partitions()).hasSize(1);
      assertThat(d.get(three).partitions()).hasSize(3);
    }
  }

  @Test
  void createTopicIsIdempotentButChecksPartitions() {
    String topic = KAFKA.topic("idempotent", 2);

    KAFKA.broker().createTopic(topic, 2);
    assertThatThrownBy(() -> KAFKA.broker().createTopic(topic, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already exists with 2 partitions");
  }

  @Test
  void isolationFirst() throws Exception {
    seesOnlyItsOwnRecord("first");
  }

  @Test
  void isolationSecond() throws Exception {
    seesOnlyItsOwnRecord("second");
  }

  /**
   * Same base name in two tests: whichever runs second would see the other's record if they shared
   * a topic.
   */
  private static void seesOnlyItsOwnRecord(String me) throws Exception {
    String topic = KAFKA.topic("shared");
    ISOLATION_TOPICS.put(me, topic);
    Records.produce(KAFKA.producerProperties(), topic, me, me);

    List<ConsumerRecord<byte[], byte[]>> records =
        Records.consume(KAFKA.consumerProperties(me), topic, 1, TIMEOUT);

    assertThat(records).extracting(r -> string(r.value())).containsExactly(me);
    // And nothing else was ever written to it.
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      TopicPartition tp = new TopicPartition(topic, 0);
      assertThat(
              admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset())
          .isEqualTo(1);
    }
  }

  @AfterAll
  static void isolationTestsGotDistinctTopics() {
    assertThat(ISOLATION_TOPICS).hasSize(2);
    assertThat(Set.copyOf(ISOLATION_TOPICS.values())).hasSize(2);
    assertThat(ISOLATION_TOPICS.get("first")).startsWith("shared-isolationFirst-");
  }
}
