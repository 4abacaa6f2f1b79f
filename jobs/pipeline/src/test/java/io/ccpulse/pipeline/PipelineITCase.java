package io.ccpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job in a MiniCluster, reading the real broker and writing through JDBC to the embedded
 * ClickHouse.
 */
class PipelineITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void countsAcceptedEventsAndStoresRejectionsWithTheirPayload() throws Exception {
    String interactions = KAFKA.topic("interactions", 2);
    String states = KAFKA.topic("agent-states", 1);
    String surveys = KAFKA.topic("surveys", 1);
    EventCodec<InteractionEvent> codec = EventCodec.interactions();

    List<InteractionEvent> events = new ArrayList<>();
    events.addAll(TestEvents.contact("acme", "i-1", T0));
    events.addAll(TestEvents.contact("acme", "i-2", T0.plusSeconds(30)));
    events.addAll(
        TestEvents.contact("acme", "i-3", T0.plusSeconds(70))); // QUEUED in the next minute
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    InteractionEvent noQueue =
        TestEvents.step("acme", "i-4", 1, InteractionType.QUEUED, T0, null)
            .setQueueId(null)
            .build();
    // Stamped as a live producer stamps them, when each event happened: the job judges lateness by
    // the partition's clock, and a record stamped today for a January event is too late.
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
      for (InteractionEvent e : events) {
        byte[] key = e.getInteractionId().getBytes(StandardCharsets.UTF_8);
        producer.send(
            new ProducerRecord<>(
                interactions,
                Math.floorMod(java.util.Arrays.hashCode(key), 2),
                e.getOccurredAt().toEpochMilli(),
                key,
                codec.encode(e)));
      }
      long last = events.get(events.size() - 1).getOccurredAt().toEpochMilli();
      producer.send(
          new ProducerRecord<>(
              interactions, 0, last, "bad".getBytes(StandardCharsets.UTF_8), garbage));
      producer.send(
          new ProducerRecord<>(
              interactions,
              1,
              T0.toEpochMilli(),
              "i-4".getBytes(StandardCharsets.UTF_8),
              codec.encode(noQueue)));
    }

    ClickHouseEndpoint endpoint =
        new ClickHouseEndpoint(
            CLICKHOUSE.serverJdbcUrl(), CLICKHOUSE.database(), "default", Map.of());
    new Migrator(endpoint, Map.of()).migrate();

    PipelineConfig config =
        PipelineConfig.defaults()
            .with(
                Map.of(
                    "kafka.bootstrap.servers",
                    KAFKA.bootstrapServers(),
                    "kafka.topic.interactions",
                    interactions,
                    "kafka.topic.agent-states",
                    states,
                    "kafka.topic.surveys",
                    surveys,
                    "kafka.topic.burnout-level-changes",
                    KAFKA.topic("burnout-level-changes", 1),
                    "kafka.topic.queue-alerts",
                    KAFKA.topic("queue-alerts", 1),
                    "kafka.group.id",
                    "pipeline-it",
                    "kafka.bounded",
                    "true",
                    "clickhouse.url",
                    endpoint.url(),
                    "clickhouse.database",
                    endpoint.database()))
            .with(Map.of("kafka.topic.queue-health", KAFKA.topic("queue-health", 1)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    for (var job : PipelineJob.onKafka(config).start(env)) {
      job.getJobExecutionResult().get();
    }

    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      Map<String, Long> counts = new HashMap<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT event_type, toString(interval_start), events FROM ingest_counts_current "
                  + "WHERE tenant_id = 'acme' ORDER BY event_type, interval_start")) {
        while (rs.next()) {
          counts.put(rs.getString(1) + "@" + rs.getString(2), rs.getLong(3));
        }
      }
      assertThat(counts)
          .containsEntry("InteractionEvent.QUEUED@2026-01-05 09:00:00.000", 2L)
          .containsEntry("InteractionEvent.QUEUED@2026-01-05 09:01:00.000", 1L)
          .containsEntry("InteractionEvent.WRAPUP_ENDED@2026-01-05 09:03:00.000", 2L)
          .containsEntry("InteractionEvent.WRAPUP_ENDED@2026-01-05 09:04:00.000", 1L);
      assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(events.size());

      try (ResultSet rs =
          st.executeQuery(
              "SELECT reason, detail, source_topic, payload, event_id "
                  + "FROM rejected_events FINAL ORDER BY reason")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("reason")).isEqualTo("INVALID_FIELD");
        assertThat(rs.getString("detail")).isEqualTo("QUEUED needs queue_id");
        assertThat(rs.getString("event_id")).isEqualTo("i-4-1");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("reason")).isEqualTo("UNREADABLE_BYTES");
        assertThat(rs.getString("source_topic")).isEqualTo(interactions);
        assertThat(rs.getBytes("payload")).isEqualTo(garbage);
        assertThat(rs.next()).isFalse();
      }
    }
  }
}
