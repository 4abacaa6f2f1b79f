package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Burnout level changes to Kafka for supervisor tools: JSON, keyed by tenant/agent (one agent's
 * changes stay in order on one partition), at least once (a consumer sees a change again after a
 * restart, with the same agent, time and levels, and can drop it).
 */
public final class LevelChangeTopic implements KafkaRecordSerializationSchema<LevelChange> {
  private static final long serialVersionUID = 1L;
  private final String topic;

  LevelChangeTopic(String topic) {
    this.topic = topic;
  }

  public static KafkaSink<LevelChange> sink(PipelineConfig config) {
    Properties producer = new Properties();
    producer.putAll(config.withPrefix("kafka.properties.")); // security settings apply to producing too
    return KafkaSink.<LevelChange>builder()
        .setBootstrapServers(config.get("kafka.bootstrap.servers"))
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(new LevelChangeTopic(config.get("kafka.topic.burnout-level-changes")))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(LevelChange change, KafkaSinkContext context, Long timestamp) {
    byte[] key = (change.tenantId + "/" + change.agentId).getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, null, change.at, key, change.toJson().getBytes(StandardCharsets.UTF_8));
  }
}
