package io.ccpulse.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic of JSON messages the job wrote to its end: key, value and timestamp of each. */
final class TopicMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A message: its key, its value as text and as read by Jackson, its timestamp. */
  record Message(String key, String json, JsonNode tree, long timestamp) {
    /** A field's text, null for a JSON null; a message without the field fails the test. */
    String text(String field) {
      JsonNode value = tree.get(field);
      if (value == null) {
        throw new AssertionError("message without " + field + ": " + json);
      }
      return value.isNull() ? null : value.asText();
    }
  }

  private TopicMessages() {}

  static List<Message> read(KafkaBrokerExtension kafka, String topic) {
    List<Message> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(kafka.consumerProperties(topic + "-reader"))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String json = new String(r.value(), StandardCharsets.UTF_8);
          out.add(
              new Message(
                  new String(r.key(), StandardCharsets.UTF_8), json, tree(json), r.timestamp()));
        }
      }
    }
    return out;
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not a JSON message: " + json, e);
    }
  }
}
