package io.ccpulse.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Test helpers: write and read UTF-8 strings as byte[] records. */
final class Records {

  private Records() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String string(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** Sends key/value pairs (even indexes keys, odd values) and waits for every ack. */
  static void produce(Properties producerProps, String topic, String... keysAndValues)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
      for (int i = 0; i < keysAndValues.length; i += 2) {
        producer
            .send(new ProducerRecord<>(topic, bytes(keysAndValues[i]), bytes(keysAndValues[i + 1])))
            .get();
      }
    }
  }

  /** Polls until {@code count} records arrived or the deadline passed; returns what arrived. */
  static List<ConsumerRecord<byte[], byte[]>> consume(
      Properties consumerProps, String topic, int count, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
      consumer.subscribe(List.of(topic));
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
