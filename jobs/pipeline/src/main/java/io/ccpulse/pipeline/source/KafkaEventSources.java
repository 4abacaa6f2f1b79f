package io.ccpulse.pipeline.source;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.queue.QueueMessages;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The three event topics, read with per-partition event-time watermarks; and the live job's topics.
 */
public final class KafkaEventSources implements EventSources {
  private static final long serialVersionUID = 1L;

  private final PipelineConfig config;

  public KafkaEventSources(PipelineConfig config) {
    this.config = config;
  }

  @Override
  public DataStream<Inbound<InteractionEvent>> interactions(StreamExecutionEnvironment env) {
    return read(env, EventKind.INTERACTION, config.get("kafka.topic.interactions"));
  }

  @Override
  public DataStream<Inbound<AgentStateEvent>> agentStates(StreamExecutionEnvironment env) {
    return read(env, EventKind.AGENT_STATE, config.get("kafka.topic.agent-states"));
  }

  @Override
  public DataStream<Inbound<SurveyEvent>> surveys(StreamExecutionEnvironment env) {
    return read(env, EventKind.SURVEY, config.get("kafka.topic.surveys"));
  }

  @Override
  public DataStream<QueueSnapshot> queueHealth(StreamExecutionEnvironment env) {
    return LiveTopics.read(
        env, config, "kafka.topic.queue-health", QueueSnapshot.class, QueueMessages::snapshot);
  }

  @Override
  public DataStream<QueueAlert> queueAlerts(StreamExecutionEnvironment env) {
    return LiveTopics.read(
        env, config, "kafka.topic.queue-alerts", QueueAlert.class, QueueMessages::alert);
  }

  private <T extends SpecificRecord> DataStream<Inbound<T>> read(
      StreamExecutionEnvironment env, EventKind<T> kind, String topic) {
    Properties props = new Properties();
    props.putAll(config.withPrefix("kafka.properties."));
    OffsetResetStrategy reset =
        OffsetResetStrategy.valueOf(config.get("kafka.starting-offsets").toUpperCase());
    var builder =
        KafkaSource.<Inbound<T>>builder()
            .setBootstrapServers(config.get("kafka.bootstrap.servers"))
            .setGroupId(config.get("kafka.group.id"))
            .setTopics(topic)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
            .setDeserializer(new InboundDeserializer<>(kind, EventChecks.from(config)))
            .setProperties(props);
    if (config.getBoolean("kafka.bounded")) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    String name = "kafka-" + topic;
    var stream =
        env.fromSource(builder.build(), watermarks(kind, config), name)
            .uid("source-" + kind.recordName())
            .name(name);
    if (config.getBoolean("kafka.bounded")) {
      // A bounded reader with no partition finishes at once, and its final watermark would carry
      // the
      // others (idle until their partition arrives) to the end of time: no more readers than
      // partitions.
      stream.setParallelism(Math.max(1, Math.min(env.getParallelism(), partitions(topic, props))));
    }
    // The consumer moves past offsets that are gone without a word: this says so. Chained to the
    // source (same parallelism), so it sees each partition's records in their order.
    Properties admin = new Properties();
    admin.putAll(props);
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
    return stream
        .process(
            new OffsetContinuity<>(config.get("kafka.group.id"), new KafkaPartitionOffsets(admin)))
        .returns(kind.inboundType())
        .setParallelism(stream.getParallelism())
        .uid("offset-continuity-" + kind.recordName())
        .name("offset continuity " + kind.recordName())
        // Lateness is judged by the partition's clock, stamped here, in the partition's order.
        .process(
            new PartitionClock<>(
                kind, config.getDuration("event-time.max-out-of-orderness").toMillis()))
        .returns(kind.inboundType())
        .setParallelism(stream.getParallelism())
        .uid("partition-clock-" + kind.recordName())
        .name("partition clock " + kind.recordName());
  }

  private int partitions(String topic, Properties consumerProps) {
    Properties props = new Properties();
    props.putAll(consumerProps);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
    try (Admin admin = Admin.create(props)) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot read the partitions of topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Event time from occurred_at; rejections carry none and must not move the watermark. */
  public static <T extends SpecificRecord> WatermarkStrategy<Inbound<T>> watermarks(
      EventKind<T> kind, PipelineConfig config) {
    long bound = config.getDuration("event-time.max-out-of-orderness").toMillis();
    boolean perEvent = config.getBoolean("event-time.watermark-per-event");
    Duration idleness = config.getDuration("event-time.idleness");
    return WatermarkStrategy.<Inbound<T>>forGenerator(
            ctx -> new EventTimeWatermarks<>(bound, perEvent))
        .withTimestampAssigner(
            (in, kafkaTimestamp) ->
                in.event == null ? Long.MIN_VALUE : kind.occurredAt(in.event).toEpochMilli())
        .withIdleness(idleness);
  }
}
