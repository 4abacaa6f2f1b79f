package io.ccpulse.local.bench;

import io.ccpulse.simulator.output.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The baseline: one plain KafkaConsumer reading every record of the three topics from the beginning
 * to the end offsets that exist at start, touching the bytes and nothing else. Default consumer
 * settings (as the job's KafkaSource has), partitions assigned directly (as the KafkaSource does:
 * no group coordination), timed from creating the consumer to the last record.
 */
final class RawConsume {
  private static final Duration LIMIT = Duration.ofMinutes(10);

  record Result(long records, long bytes, long millis) {
    double recordsPerSecond() {
      return records * 1000.0 / millis;
    }

    double megabytesPerSecond() {
      return bytes / 1e6 * 1000.0 / millis;
    }
  }

  private RawConsume() {}

  static Result run(String bootstrapServers, TopicNames topics, String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    long t0 = System.nanoTime();
    long deadline = t0 + LIMIT.toNanos();
    long records = 0;
    long bytes = 0;
    long done;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(topics.interactions(), topics.agentStates(), topics.surveys())) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      end.entrySet().removeIf(e -> e.getValue() == 0);
      while (!end.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "raw consume did not reach the end within " + LIMIT + "; left: " + end);
        }
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          records++;
          bytes += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
        }
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
      done = System.nanoTime(); // the last record is read; closing the consumer is not reading
    }
    return new Result(records, bytes, Math.max(1, (done - t0) / 1_000_000));
  }
}
