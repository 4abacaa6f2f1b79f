package io.ccpulse.simulator.output;

import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reading topics back in integration tests. */
public final class KafkaTopics {
  private KafkaTopics() {}

  /** Fresh topics named after the streams, with {@code partitions} partitions each. */
  public static TopicNames create(KafkaBrokerExtension kafka, int partitions) {
    return new TopicNames(
        kafka.topic("interactions", partitions),
        kafka.topic("agent-states", partitions),
        kafka.topic("surveys", partitions));
  }

  /** Polls until {@code expected} records have been read from the topic (or 60 s passed). */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      KafkaBrokerExtension kafka, String topic, long expected) {
    Properties p = kafka.consumerProperties("test-" + UUID.randomUUID());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // One more short poll, so extra records (a bug) would show up too.
      consumer.poll(Duration.ofMillis(300)).forEach(out::add);
    }
    return out;
  }
}
