package io.ccpulse.pipeline.sink;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Every output table, in the ClickHouse the configuration names (one sink per {@link OutputTables}
 * declaration); level changes and alerts also to their Kafka topics.
 */
public final class ClickHouseSinks implements PipelineSinks {
  private static final long serialVersionUID = 1L;

  private final ClickHouseEndpoint endpoint;
  private final PipelineConfig config;

  public ClickHouseSinks(PipelineConfig config) {
    this.config = config;
    this.endpoint = config.clickHouse();
    SinkSettings.from(config, OutputTables.INTERVAL_METRICS); // checked at once, not on the cluster
  }

  @Override
  public <T> Sink<T> table(OutputTable<T> table) {
    return new ClickHouseSink<>(endpoint, table, SinkSettings.from(config, table));
  }

  @Override
  public Sink<LevelChange> burnoutLevelChangeTopic() {
    return JsonTopic.sink(
        config, JsonTopic.levelChanges(config.get("kafka.topic.burnout-level-changes")));
  }

  @Override
  public Sink<QueueSnapshot> queueHealthTopic() {
    return JsonTopic.sink(config, JsonTopic.queueHealth(config.get("kafka.topic.queue-health")));
  }

  @Override
  public Sink<QueueSnapshot> queueWaitTopic() {
    return JsonTopic.sink(config, JsonTopic.queueWait(config.get("kafka.topic.queue-wait")));
  }

  @Override
  public Sink<QueueAlert> queueAlertTopic() {
    return JsonTopic.sink(config, JsonTopic.queueAlerts(config.get("kafka.topic.queue-alerts")));
  }
}
