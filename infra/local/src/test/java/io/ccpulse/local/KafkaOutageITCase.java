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
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker stopped for real for 15 s in the middle of a run, while events are being
 * published, read and alerts written, then started again: the job rides it out on its own (its
 * consumers and producers wait and reconnect; no restart), and afterwards every interval and
 * agent-time row equals the simulator's truth, and the alert and level-change topics hold exactly
 * what ClickHouse holds, nothing lost and nothing twice.
 *
 * <p>No too-late events: which events are too late depends on how far the watermark got, and that
 * is the same here as in any run only as long as nothing restarts; a restart is allowed to happen
 * (the test says how many) and then too-late judgments could differ from the truth's.
 */
class KafkaOutageITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.ownBroker();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private static final int PARTITIONS = 2;
  private static final Duration OUTAGE = Duration.ofSeconds(15);

  /**
   * The part of the day published while the job runs, spread over this long; the outage falls
   * inside it.
   */
  private static final Duration PUBLISHING = Duration.ofSeconds(20);

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void aBrokerStoppedMidRunLosesAndDoublesNothing() throws Exception {
    FaultSettings faults =
        FaultSettings.defaults()
            .withDuplicateRate(0.02)
            .withOutOfOrder(0.05, Duration.ofMinutes(2))
            .withTooLate(0, Duration.ofMinutes(5), null)
            .withUnreadableRate(0.005)
            .withUnknownSchemaRate(0.005)
            .withImpossibleRate(0.02);
    Scenario scenario = Preset.SMALL.builder().seed(31).faults(faults).build();
    Simulation sim = Simulator.run(scenario);
    TopicNames topics =
        new TopicNames(
            KAFKA.topic("interactions", PARTITIONS),
            KAFKA.topic("agent-states", PARTITIONS),
            KAFKA.topic("surveys", PARTITIONS));
    String alerts = KAFKA.topic("queue-alerts", PARTITIONS);
    String levelChanges = KAFKA.topic("burnout-level-changes", PARTITIONS);
    ClickHouseEndpoint endpoint = Endpoints.of(CLICKHOUSE);
    new Migrator(endpoint, Map.of()).migrate();

    List<DeliveredRecord> records = sim.records();
    int third = records.size() / 3;
    try (KafkaOutput out = new KafkaOutput(KAFKA.bootstrapServers(), topics)) {
      records.subList(0, third).forEach(out::accept);
    }
    PipelineConfig config =
        UnboundedJob.config(
            KAFKA,
            topics,
            "kafka-outage",
            endpoint,
            Map.of(
                "kafka.topic.queue-alerts",
                alerts,
                "kafka.topic.burnout-level-changes",
                levelChanges));
    JobClient job = UnboundedJob.start(config, dir, null, PARTITIONS);
    JobClient live =
        UnboundedJob.startLive(config, dir, PARTITIONS); // the alerts, copied by the metrics job
    try {
      // Under way: a checkpoint has completed and committed the offsets read (rows take longer: a
      // partition whose events end early holds the watermark back until it is idle).
      assertThat(UnboundedJob.poll(TIMEOUT, () -> committed("kafka-outage") > 0, job))
          .as("offsets committed")
          .isTrue();

      // The rest of the day, paced, from a producer that rides the outage out as the job must.
      CompletableFuture<Void> publishing =
          CompletableFuture.runAsync(
              () -> publishPaced(topics, records.subList(third, records.size())));
      Thread.sleep(PUBLISHING.toMillis() / 4);
      KAFKA.stopBroker();
      long stoppedAt = System.nanoTime();
      while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
        assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS))
            .as("job during the outage")
            .isEqualTo(JobStatus.RUNNING);
        assertThat(live.getJobStatus().get(10, TimeUnit.SECONDS))
            .as("live job during the outage")
            .isEqualTo(JobStatus.RUNNING);
        Thread.sleep(1_000);
      }
      KAFKA.startBroker();
      publishing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      FlushEvents.publish(
          KAFKA.producerProperties(),
          topics,
          PARTITIONS,
          scenario.start().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1));

      boolean caughtUp =
          UnboundedJob.poll(
              TIMEOUT,
              () ->
                  UnboundedJob.truthMatches(sim, endpoint)
                      && TopicMessages.read(KAFKA, alerts).size()
                          == column("SELECT alert_id FROM queue_alerts FINAL").size(),
              job,
              live);
      TruthComparison.Report report = TruthComparison.compare(sim.truth(), endpoint);
      System.out.println("After a " + OUTAGE.toSeconds() + " s broker outage: " + report.summary());
      assertThat(report.differences()).as("rows unlike the truth").isEmpty();
      assertThat(caughtUp).as("every truth row within %s", TIMEOUT).isTrue();
      long restarts =
          new JobMetrics(FLINK, job.getJobID()).restarts()
              + new JobMetrics(FLINK, live.getJobID()).restarts();
      System.out.println("Job restarts during the run: " + restarts);
      assertThat(restarts).as("an outage this short is ridden out without a restart").isZero();
    } finally {
      job.cancel().get(1, TimeUnit.MINUTES);
      live.cancel().get(1, TimeUnit.MINUTES);
    }

    // The Kafka outputs lost nothing (each message is also a ClickHouse row) and, with no restart,
    // doubled nothing.
    List<String> alertMessages =
        TopicMessages.read(KAFKA, alerts).stream()
            .map(AlertMessage::parse)
            .map(m -> m.alertId() + "/" + m.status())
            .toList();
    List<String> alertRows = column("SELECT alert_id || '/' || status FROM queue_alerts FINAL");
    System.out.println(
        "Alert messages: "
            + alertMessages.size()
            + ", level-change rows: "
            + column("SELECT count() FROM burnout_level_changes FINAL").get(0));
    assertThat(alertMessages)
        .as("alert messages")
        .isNotEmpty()
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(alertRows);
    List<String> changeMessages = LevelChangeMessages.read(KAFKA, levelChanges);
    List<String> changeRows =
        column(
            "SELECT tenant_id || '/' || agent_id || '@' || toString(toUnixTimestamp64Milli(at))"
                + " || '->' || to_level FROM burnout_level_changes FINAL WHERE tenant_id != '"
                + FlushEvents.TENANT
                + "'");
    assertThat(
            changeMessages.stream().filter(m -> !m.startsWith(FlushEvents.TENANT + "/")).toList())
        .as("level-change messages")
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(changeRows);
  }

  /**
   * Sends the records spread evenly over {@link #PUBLISHING}; the producer waits out the outage
   * (idempotent, acks=all).
   */
  private static void publishPaced(TopicNames topics, List<DeliveredRecord> records) {
    int steps = 100;
    int step = Math.max(1, records.size() / steps);
    try (KafkaOutput out = new KafkaOutput(KAFKA.bootstrapServers(), topics)) {
      for (int i = 0; i < records.size(); i++) {
        out.accept(records.get(i));
        if (i % step == step - 1) {
          Thread.sleep(PUBLISHING.toMillis() / steps);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The offsets the group has committed, summed over its partitions; 0 on any error. */
  private static long committed(String group) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS)
          .values()
          .stream()
          .mapToLong(o -> o == null ? 0 : o.offset())
          .sum();
    } catch (Exception e) {
      return 0;
    }
  }

  private static List<String> column(String sql) {
    List<String> values = new ArrayList<>();
    try (Connection c = Endpoints.of(CLICKHOUSE).open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
    return values;
  }
}
