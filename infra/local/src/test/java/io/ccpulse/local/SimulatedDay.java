package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.pipeline.PipelineJob;
import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.BadRecord;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A simulated scenario published to a test's own topics and run through the job (in the test's
 * MiniCluster) into a fresh ClickHouse database, as {@code make run} does it.
 *
 * <p>By default interactions and surveys are on one partition with per-event watermarks: the replay
 * judges lateness exactly as the simulated live stream did, so too-late events are rejected just as
 * the truth says. The scenario's truth is computed with the job's settings ({@link TruthForJob}).
 */
record SimulatedDay(
    Simulation sim,
    TopicNames topics,
    String levelChanges,
    String alerts,
    ClickHouseEndpoint endpoint,
    List<BadRecord> badRecords) {

  static SimulatedDay run(
      Scenario scenario, KafkaBrokerExtension kafka, ClickHouseExtension clickhouse, String name)
      throws Exception {
    return run(scenario, kafka, clickhouse, name, Map.of());
  }

  /**
   * The same with job settings of the test's own on top (e.g. input limits); their {@code flink.*}
   * keys apply to the job, as PipelineMain applies them (e.g. {@code
   * flink.restart-strategy.type=none}: a failure ends the run instead of restarting it).
   */
  static SimulatedDay run(
      Scenario scenario,
      KafkaBrokerExtension kafka,
      ClickHouseExtension clickhouse,
      String name,
      Map<String, String> settings)
      throws Exception {
    Map<String, String> replay =
        new java.util.HashMap<>(Map.of("event-time.watermark-per-event", "true"));
    replay.putAll(settings);
    return run(scenario, kafka, clickhouse, name, 1, replay);
  }

  /**
   * @param partitions of the interactions and surveys topics (agent states have 2)
   * @param settings job settings over the defaults, e.g. metrics.* (the truth follows them)
   */
  static SimulatedDay run(
      Scenario scenario,
      KafkaBrokerExtension kafka,
      ClickHouseExtension clickhouse,
      String name,
      int partitions,
      Map<String, String> settings)
      throws Exception {
    return run(scenario, kafka, Endpoints.of(clickhouse), name, partitions, 2, settings);
  }

  /**
   * The same into the database of {@code endpoint} (created and migrated if new), with {@code
   * agentPartitions} partitions of agent states.
   */
  static SimulatedDay run(
      Scenario scenario,
      KafkaBrokerExtension kafka,
      ClickHouseEndpoint endpoint,
      String name,
      int partitions,
      int agentPartitions,
      Map<String, String> settings)
      throws Exception {
    TopicNames topics =
        new TopicNames(
            kafka.topic("interactions", partitions),
            kafka.topic("agent-states", agentPartitions),
            kafka.topic("surveys", partitions));
    String levelChanges = kafka.topic("burnout-level-changes", 2);
    String alerts = kafka.topic("queue-alerts", 2);
    String health = kafka.topic("queue-health", 2);
    PipelineConfig config =
        PipelineConfig.defaults()
            .with(settings)
            .with(
                Map.ofEntries(
                    Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                    Map.entry("kafka.topic.interactions", topics.interactions()),
                    Map.entry("kafka.topic.agent-states", topics.agentStates()),
                    Map.entry("kafka.topic.surveys", topics.surveys()),
                    Map.entry("kafka.topic.burnout-level-changes", levelChanges),
                    Map.entry("kafka.topic.queue-alerts", alerts),
                    Map.entry("kafka.topic.queue-health", health),
                    Map.entry("kafka.group.id", name),
                    Map.entry("kafka.bounded", "true"),
                    Map.entry("clickhouse.url", endpoint.url()),
                    Map.entry("clickhouse.database", endpoint.database())));
    Simulation sim = Simulator.run(TruthForJob.scenario(scenario, config));
    List<BadRecord> badRecords;
    try (KafkaOutput out = new KafkaOutput(kafka.bootstrapServers(), topics)) {
      sim.publish(out);
      badRecords = out.badRecords();
    }
    new Migrator(endpoint, Map.of()).migrate();
    Map<String, String> flink = new java.util.HashMap<>();
    settings.forEach(
        (k, v) -> {
          if (k.startsWith(FlinkSettings.PREFIX)) {
            flink.put(k.substring(FlinkSettings.PREFIX.length()), v);
          }
        });
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(flink));
    env.setParallelism(2);
    for (var job : PipelineJob.onKafka(config).start(env)) { // the live job, then the metrics job
      job.getJobExecutionResult().get();
    }
    return new SimulatedDay(sim, topics, levelChanges, alerts, endpoint, badRecords);
  }

  /**
   * Every interval and agent-time row equals the truth, every rate and day the analysts read equals
   * the one computed from the truth's sums, every contact fact equals the simulator's, and every
   * bad record is rejected as injected.
   */
  void assertMatchesTheTruth() throws Exception {
    TruthComparison.Report rows = TruthComparison.compare(sim.truth(), endpoint);
    assertThat(rows.differences()).as(rows.summary()).isEmpty();
    assertThat(rows.matched()).isEqualTo(rows.truthRows()).isPositive();
    AnalystViewCheck.Report views = AnalystViewCheck.check(sim.truth(), endpoint);
    assertThat(views.differences()).as(views.summary()).isEmpty();
    ContactFactCheck.Report facts = ContactFactCheck.check(sim.contactFacts(), endpoint);
    assertThat(facts.differences()).as("%,d contact facts", facts.expected()).isEmpty();
    FaultCheck.Report faults = FaultCheck.check(badRecords, endpoint);
    assertThat(faults.allAccountedFor()).as(faults.problems()).isTrue();
  }
}
