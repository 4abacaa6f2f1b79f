package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Preset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records deleted from Kafka before the job read them are reported, never skipped in silence: the
 * job is stopped with a savepoint, more events arrive, part of them are deleted (as retention does
 * to a job stopped too long), and the job restored from the savepoint finds its offset gone. The
 * consumer moves on to the log start by itself; rejected_events gets an OFFSETS_SKIPPED row naming
 * the topic, partition and offsets, and the metrics count it.
 */
class OffsetsSkippedITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final int PARTITIONS = 2;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String GROUP = "offsets-skipped";

  @TempDir Path dir;

  @Test
  void recordsDeletedBeforeTheJobReadThemAreReportedLoudly() throws Exception {
    Simulation sim = Simulator.run(Preset.SMALL.builder().seed(41).build());
    TopicNames topics =
        new TopicNames(
            KAFKA.topic("interactions", PARTITIONS),
            KAFKA.topic("agent-states", PARTITIONS),
            KAFKA.topic("surveys", PARTITIONS));
    ClickHouseEndpoint endpoint = Endpoints.of(CLICKHOUSE);
    new Migrator(endpoint, Map.of()).migrate();
    List<DeliveredRecord> records = sim.records();
    int half = records.size() / 2;
    TopicPartition gone = new TopicPartition(topics.interactions(), 0);

    // The first half, read to its end by the job, which is then stopped with a savepoint.
    publish(topics, records.subList(0, half));
    long readTo = endOffset(gone);
    PipelineConfig config = UnboundedJob.config(KAFKA, topics, GROUP, endpoint, Map.of());
    JobClient first = UnboundedJob.start(config, dir, null, PARTITIONS);
    assertThat(UnboundedJob.poll(TIMEOUT, () -> committed(gone) == readTo, first))
        .as("first half read")
        .isTrue();
    String savepoint =
        first
            .stopWithSavepoint(
                false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    // While it is stopped: the second half, and the first 100 of its records on one partition
    // deleted.
    publish(topics, records.subList(half, records.size()));
    long deleteBefore = readTo + 100;
    assertThat(endOffset(gone)).isGreaterThan(deleteBefore);
    try (Admin admin = admin()) {
      admin
          .deleteRecords(Map.of(gone, RecordsToDelete.beforeOffset(deleteBefore)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    JobClient restored = UnboundedJob.start(config, dir, savepoint, PARTITIONS);
    try {
      String sql =
          "SELECT source_topic, source_partition, source_offset, detail FROM rejected_events"
              + " WHERE reason = 'OFFSETS_SKIPPED' FORMAT TSV";
      assertThat(UnboundedJob.poll(TIMEOUT, () -> !CLICKHOUSE.execute(sql).isBlank(), restored))
          .as("an OFFSETS_SKIPPED row within %s", TIMEOUT)
          .isTrue();
      String row = CLICKHOUSE.execute(sql).strip();
      System.out.println("rejected_events: " + row);
      assertThat(row.lines()).as("one row: only that partition lost records").hasSize(1);
      assertThat(row.split("\t"))
          .satisfies(
              f -> {
                assertThat(f[0]).isEqualTo(gone.topic());
                assertThat(f[1]).isEqualTo("0");
                assertThat(f[2]).as("the first offset skipped").isEqualTo(String.valueOf(readTo));
                assertThat(f[3])
                    .startsWith(
                        "offsets "
                            + readTo
                            + " to "
                            + (deleteBefore - 1)
                            + " of "
                            + gone
                            + " (100 offsets)")
                    .contains("log now starts at " + deleteBefore);
              });

      // The metrics say it too (the MiniCluster's REST API refreshes them every 10 s or so).
      JobMetrics metrics = new JobMetrics(FLINK, restored.getJobID());
      assertThat(
              UnboundedJob.poll(
                  TIMEOUT,
                  () ->
                      metric(metrics, "offsetsSkipped") == 100
                          && metric(metrics, "rejected.OFFSETS_SKIPPED") == 1,
                  restored))
          .as("offsetsSkipped 100, rejected.OFFSETS_SKIPPED 1")
          .isTrue();
      // And the job went on reading from where the log starts.
      assertThat(UnboundedJob.poll(TIMEOUT, () -> committed(gone) == endOffset(gone), restored))
          .as("read to the end")
          .isTrue();
    } finally {
      restored.cancel().get(1, TimeUnit.MINUTES);
    }
  }

  private static void publish(TopicNames topics, List<DeliveredRecord> records) {
    try (KafkaOutput out = new KafkaOutput(KAFKA.bootstrapServers(), topics)) {
      records.forEach(out::accept);
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
  }

  private static long endOffset(TopicPartition tp) {
    try (Admin admin = admin()) {
      return admin
          .listOffsets(Map.of(tp, OffsetSpec.latest()))
          .partitionResult(tp)
          .get(30, TimeUnit.SECONDS)
          .offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The group's committed offset for the partition (the job commits at each checkpoint); -1 if
   * none.
   */
  private static long committed(TopicPartition tp) {
    try (Admin admin = admin()) {
      OffsetAndMetadata o =
          admin
              .listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .get(tp);
      return o == null ? -1 : o.offset();
    } catch (Exception e) {
      return -1;
    }
  }

  private static long metric(JobMetrics metrics, String name) {
    try {
      return metrics.sum(name);
    } catch (Exception e) {
      return -1;
    }
  }
}
