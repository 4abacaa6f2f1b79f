package io.ccpulse.pipeline.source;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.IOException;
import java.io.Serializable;
import java.util.Properties;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The live job's topics (queue-health snapshots, alerts), read back by the metrics job to copy them
 * into ClickHouse. The job wrote every message itself, so one that does not parse is a bug: it is
 * logged and skipped rather than stopping the copy.
 */
final class LiveTopics {
  private LiveTopics() {}

  /** Serializable, so the parser travels with the job graph. */
  interface Parser<T> extends Function<byte[], T>, Serializable {}

  static <T> DataStream<T> read(
      StreamExecutionEnvironment env,
      PipelineConfig config,
      String topicKey,
      Class<T> type,
      Parser<T> parser) {
    String topic = config.get(topicKey);
    Properties props = new Properties();
    props.putAll(config.withPrefix("kafka.properties."));
    var builder =
        KafkaSource.<T>builder()
            .setBootstrapServers(config.get("kafka.bootstrap.servers"))
            .setGroupId(config.get("kafka.group.id"))
            .setTopics(topic)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new Messages<>(type, parser))
            .setProperties(props);
    if (config.getBoolean("kafka.bounded")) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    String name = "kafka-" + topic;
    // No event time: these go straight to a table.
    return env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), name)
        .uid("source-" + topicKey.substring("kafka.topic.".length()))
        .name(name);
  }

  private static final class Messages<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveTopics.class);

    private final Class<T> type;
    private final Parser<T> parser;

    Messages(Class<T> type, Parser<T> parser) {
      this.type = type;
      this.parser = parser;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
        throws IOException {
      try {
        out.collect(parser.apply(record.value()));
      } catch (RuntimeException e) {
        LOG.error(
            "Skipping {}-{}@{}: not a message of the live job ({})",
            record.topic(),
            record.partition(),
            record.offset(),
            e.toString());
      }
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return TypeInformation.of(type);
    }
  }
}
