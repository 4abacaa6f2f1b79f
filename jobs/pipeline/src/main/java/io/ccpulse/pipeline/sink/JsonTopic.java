package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.queue.QueueMessages;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A stream of JSON messages to a Kafka topic for other systems: keyed so one subject's messages
 * stay in order on one partition, stamped with their event time, at least once (after a restart a
 * consumer may see a message again, identical, and can drop it).
 */
public final class JsonTopic<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;

  /** Serializable accessors, so the schema travels with the job graph. */
  public interface Text<T> extends Function<T, String>, Serializable {}

  public interface Time<T> extends ToLongFunction<T>, Serializable {}

  private final String topic;
  private final Text<T> key;
  private final Text<T> json;
  private final Time<T> time;

  JsonTopic(String topic, Text<T> key, Text<T> json, Time<T> time) {
    this.topic = topic;
    this.key = key;
    this.json = json;
    this.time = time;
  }

  /** Burnout level changes (docs/burnout.md), keyed by tenant/agent. */
  static JsonTopic<LevelChange> levelChanges(String topic) {
    return new JsonTopic<>(
        topic, c -> c.tenantId + "/" + c.agentId, LevelChange::toJson, c -> c.at);
  }

  /** Queue alerts (docs/queue-health.md), keyed by tenant/queue. */
  static JsonTopic<QueueAlert> queueAlerts(String topic) {
    return new JsonTopic<>(topic, QueueAlert::queueKey, QueueAlert::toJson, QueueAlert::at);
  }

  /** Queue-health snapshots (docs/queue-health.md), keyed by tenant/queue. */
  static JsonTopic<QueueSnapshot> queueHealth(String topic) {
    return new JsonTopic<>(
        topic, s -> s.tenantId + "/" + s.queueId, QueueMessages::toJson, s -> s.at);
  }

  /**
   * The estimated wait per queue (docs/queue-health.md), keyed by tenant/queue: on a compacted
   * topic, the latest per queue is what a reader finds.
   */
  static JsonTopic<QueueSnapshot> queueWait(String topic) {
    return new JsonTopic<>(
        topic, s -> s.tenantId + "/" + s.queueId, QueueMessages::waitJson, s -> s.at);
  }

  /**
   * A sink for these messages with the job's Kafka settings (security settings apply to producing
   * too). Compressed (lz4) unless the settings say otherwise: the messages are JSON, most of a
   * snapshot's bytes its field names, so a batch shrinks to a fraction for the broker, the network
   * and every reader, the metrics job among them.
   */
  static <T> KafkaSink<T> sink(PipelineConfig config, JsonTopic<T> messages) {
    Properties producer = new Properties();
    producer.put("compression.type", "lz4");
    producer.putAll(config.withPrefix("kafka.properties."));
    return KafkaSink.<T>builder()
        .setBootstrapServers(config.get("kafka.bootstrap.servers"))
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(messages)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T message, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        null,
        time.applyAsLong(message),
        key.apply(message).getBytes(StandardCharsets.UTF_8),
        json.apply(message).getBytes(StandardCharsets.UTF_8));
  }
}
