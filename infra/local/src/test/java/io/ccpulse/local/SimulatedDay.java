package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.pipeline.PipelineJob;
import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.sink.ClickHouseSinks;
import io.ccpulse.pipeline.source.KafkaEventSources;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Scenario;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A simulated scenario published to a test's own topics and run through the job (in the test's
 * MiniCluster) into a fresh ClickHouse database, as {@code make run} does it.
 *
 * <p>Interactions and surveys on one partition with per-event watermarks: the replay judges lateness
 * exactly as the simulated live stream did, so too-late events are rejected just as the truth says.
 */
record SimulatedDay(Simulation sim, TopicNames topics, String levelChanges, String alerts, ClickHouseEndpoint endpoint) {

  static SimulatedDay run(Scenario scenario, KafkaBrokerExtension kafka, ClickHouseExtension clickhouse, String name)
      throws Exception {
    return run(scenario, kafka, clickhouse, name, Map.of());
  }

  /**
   * The same with job settings of the test's own on top (e.g. input limits); their {@code flink.*}
   * keys apply to the job, as PipelineMain applies them (e.g. {@code flink.restart-strategy.type=none}:
   * a failure ends the run instead of restarting it).
   */
  static SimulatedDay run(Scenario scenario, KafkaBrokerExtension kafka, ClickHouseExtension clickhouse, String name,
      Map<String, String> settings) throws Exception {
    TopicNames topics = new TopicNames(kafka.topic("interactions", 1), kafka.topic("agent-states", 2),
        kafka.topic("surveys", 1));
    String levelChanges = kafka.topic("burnout-level-changes", 2);
    String alerts = kafka.topic("queue-alerts", 2);
    Simulation sim = Simulator.run(scenario);
    try (KafkaOutput out = new KafkaOutput(kafka.bootstrapServers(), topics)) {
      sim.publish(out);
    }
    ClickHouseEndpoint endpoint = Endpoints.of(clickhouse);
    new Migrator(endpoint, Map.of()).migrate();
    PipelineConfig config = PipelineConfig.defaults().with(Map.ofEntries(
        Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
        Map.entry("kafka.topic.interactions", topics.interactions()),
        Map.entry("kafka.topic.agent-states", topics.agentStates()),
        Map.entry("kafka.topic.surveys", topics.surveys()),
        Map.entry("kafka.topic.burnout-level-changes", levelChanges),
        Map.entry("kafka.topic.queue-alerts", alerts),
        Map.entry("kafka.group.id", name),
        Map.entry("kafka.bounded", "true"),
        Map.entry("event-time.watermark-per-event", "true"),
        Map.entry("clickhouse.url", endpoint.url()),
        Map.entry("clickhouse.database", endpoint.database()))).with(settings);
    Map<String, String> flink = new java.util.HashMap<>();
    settings.forEach((k, v) -> {
      if (k.startsWith(FlinkSettings.PREFIX)) {
        flink.put(k.substring(FlinkSettings.PREFIX.length()), v);
      }
    });
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(Configuration.fromMap(flink));
    env.setParallelism(2);
    new PipelineJob(config, new KafkaEventSources(config), new ClickHouseSinks(config)).build(env);
    env.execute(name);
    return new SimulatedDay(sim, topics, levelChanges, alerts, endpoint);
  }
}
