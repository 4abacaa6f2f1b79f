package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ChdbProcess;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.pipeline.PipelineJob;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse killed (SIGKILL) in the middle of a simulated morning and started again 20 s later on
 * its port and data, while both jobs run on Kafka without end and nobody touches them: the live
 * job's queue health keeps flowing to Kafka through the outage, the metrics job waits and catches
 * up, and afterwards every interval row equals the simulator's truth, and queue_health holds each
 * snapshot of the topic exactly once.
 */
class ClickHouseOutageITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private static final int PARTITIONS = 2;
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void anOutageDelaysTheFiguresNeverTheLiveViewAndLosesOrDoublesNothing() throws Exception {
    FaultSettings faults =
        FaultSettings.defaults()
            .withDuplicateRate(0.02)
            .withOutOfOrder(0.05, Duration.ofMinutes(2))
            .withTooLate(0, Duration.ofMinutes(5), null)
            .withImpossibleRate(0.02);
    Scenario scenario = Preset.SMALL.builder().seed(31).faults(faults).build();
    Simulation sim = Simulator.run(scenario);
    TopicNames topics =
        new TopicNames(
            KAFKA.topic("interactions", PARTITIONS),
            KAFKA.topic("agent-states", PARTITIONS),
            KAFKA.topic("surveys", PARTITIONS));
    String health = KAFKA.topic("queue-health", PARTITIONS);
    List<DeliveredRecord> records = sim.records();
    int half = records.size() / 2;

    ChdbProcess clickhouse = startClickHouse(0);
    int port = clickhouse.port();
    ClickHouseEndpoint endpoint =
        new ClickHouseEndpoint(clickhouse.jdbcUrl(), "outage", "default", Map.of());
    try (Connection server = endpoint.openServer();
        Statement st = server.createStatement()) {
      st.execute("CREATE DATABASE outage");
    }
    new Migrator(endpoint, Map.of()).migrate();

    PipelineConfig config =
        PipelineConfig.defaults()
            .with(
                Map.ofEntries(
                    Map.entry("kafka.bootstrap.servers", KAFKA.bootstrapServers()),
                    Map.entry("kafka.topic.interactions", topics.interactions()),
                    Map.entry("kafka.topic.agent-states", topics.agentStates()),
                    Map.entry("kafka.topic.surveys", topics.surveys()),
                    Map.entry("kafka.topic.queue-health", health),
                    Map.entry("kafka.topic.queue-alerts", KAFKA.topic("queue-alerts", PARTITIONS)),
                    Map.entry(
                        "kafka.topic.burnout-level-changes",
                        KAFKA.topic("burnout-level-changes", PARTITIONS)),
                    Map.entry("kafka.group.id", "outage"),
                    Map.entry("event-time.watermark-per-event", "true"),
                    Map.entry("clickhouse.url", endpoint.url()),
                    Map.entry("clickhouse.database", endpoint.database())));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(PARTITIONS);
    env.enableCheckpointing(2_000);

    publish(topics, records.subList(0, half));
    List<JobClient> jobs = PipelineJob.onKafka(config).start(env); // live and metrics, side by side
    JobClient[] running = jobs.toArray(JobClient[]::new);
    try {
      assertThat(UnboundedJob.poll(TIMEOUT, () -> count(endpoint, "interval_metrics") > 0, running))
          .as("rows before the outage")
          .isTrue();

      ProcessHandle.of(clickhouse.pid()).orElseThrow().destroyForcibly();
      clickhouse.close();
      long downAt = System.nanoTime();
      int healthBefore = TopicMessages.read(KAFKA, health).size();
      publish(topics, records.subList(half, records.size()));
      FlushEvents.publish(
          KAFKA.producerProperties(),
          topics,
          PARTITIONS,
          scenario.start().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1));
      // While ClickHouse is down the live job goes on: snapshots of the second half reach Kafka.
      assertThat(
              UnboundedJob.poll(
                  TIMEOUT, () -> TopicMessages.read(KAFKA, health).size() > healthBefore, running))
          .as("queue health on Kafka during the outage")
          .isTrue();
      long liveDuringOutage = TopicMessages.read(KAFKA, health).size() - healthBefore;
      Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - downAt) / 1_000_000));
      assertThat(jobs)
          .allSatisfy(
              j ->
                  assertThat(j.getJobStatus().get())
                      .isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING));

      clickhouse = startClickHouse(port);
      long upAt = System.nanoTime();
      UnboundedJob.poll(TIMEOUT, () -> UnboundedJob.truthMatches(sim, endpoint), running);
      double catchUp = (System.nanoTime() - upAt) / 1e9;
      System.out.printf(
          "ClickHouse down %.0f s (%,d snapshots reached Kafka meanwhile); back to every interval row"
              + " equal to the truth in %.1f s%n",
          (upAt - downAt) / 1e9, liveDuringOutage, catchUp);

      assertThat(TruthComparison.compare(sim.truth(), endpoint).differences()).isEmpty();
      // Every snapshot on the topic once in queue_health (the topic may repeat one; the table keeps
      // one).
      long snapshots =
          TopicMessages.read(KAFKA, health).stream()
              .filter(m -> !m.key().startsWith(FlushEvents.TENANT + "/"))
              .map(m -> m.key() + m.json())
              .distinct()
              .count();
      assertThat(
              UnboundedJob.poll(
                  TIMEOUT, () -> count(endpoint, "queue_health FINAL") == snapshots, running))
          .as("queue_health rows")
          .isTrue();
      for (JobClient job : jobs) {
        assertThat(job.getJobStatus().get())
            .isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING);
      }
    } finally {
      for (JobClient job : jobs) {
        job.cancel().get(1, TimeUnit.MINUTES);
      }
      clickhouse.close();
    }
  }

  private ChdbProcess startClickHouse(int port) throws Exception {
    return ChdbProcess.builder()
        .dataDir(dir.resolve("clickhouse"))
        .port(port)
        .logFile(dir.resolve("clickhouse.log"))
        .start();
  }

  private static void publish(TopicNames topics, List<DeliveredRecord> records) {
    try (KafkaOutput out = new KafkaOutput(KAFKA.bootstrapServers(), topics)) {
      records.forEach(out::accept);
    }
  }

  private static long count(ClickHouseEndpoint endpoint, String table) {
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count() FROM "
                    + table
                    + " WHERE tenant_id != '"
                    + FlushEvents.TENANT
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      return -1;
    }
  }
}
