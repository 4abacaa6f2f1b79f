package io.ccpulse.local;

import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads the burnout level-change topic to its end, as tenant/agent@epochMillis->LEVEL per message. */
final class LevelChangeMessages {
  private static final Pattern FIELDS = Pattern.compile("\"at\":\"([^\"]+)\".*\"to\":\"([A-Z]+)\"");

  private LevelChangeMessages() {}

  static List<String> read(KafkaBrokerExtension kafka, String topic) {
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("burnout-reader"))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String json = new String(r.value(), StandardCharsets.UTF_8);
          Matcher m = FIELDS.matcher(json);
          if (!m.find()) {
            throw new AssertionError("Not a level change: " + json);
          }
          out.add(new String(r.key(), StandardCharsets.UTF_8) + "@" + Instant.parse(m.group(1)).toEpochMilli() + "->" + m.group(2));
        }
      }
    }
    return out;
  }
}
