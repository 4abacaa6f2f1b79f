package io.ccpulse.pipeline.sink;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.pipeline.agent.AgentTimeRow;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.BurnoutRow;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.ingest.IngestCount;
import io.ccpulse.pipeline.interval.IntervalRow;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.pipeline.source.RejectedEvent;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Every output table, in the ClickHouse the configuration names; level changes and alerts also to
 * their Kafka topics.
 */
public final class ClickHouseSinks implements PipelineSinks {
  private static final long serialVersionUID = 1L;

  private final ClickHouseEndpoint endpoint;
  private final SinkSettings settings;
  private final PipelineConfig config;

  public ClickHouseSinks(PipelineConfig config) {
    this.config = config;
    this.endpoint = config.clickHouse();
    this.settings = SinkSettings.from(config);
  }

  @Override
  public Sink<IntervalRow> intervalMetrics() {
    return new ClickHouseSink<>(endpoint, new IntervalMetricsTable(), settings);
  }

  @Override
  public Sink<AgentTimeRow> agentTime() {
    return new ClickHouseSink<>(endpoint, new AgentTimeTable(), settings);
  }

  @Override
  public Sink<ContactFact> contactFacts() {
    return new ClickHouseSink<>(endpoint, new ContactFactsTable(), settings);
  }

  @Override
  public Sink<RejectedEvent> rejectedEvents() {
    return new ClickHouseSink<>(endpoint, new RejectedEventsTable(), settings);
  }

  @Override
  public Sink<IngestCount> ingestCounts() {
    return new ClickHouseSink<>(endpoint, new IngestCountsTable(), settings);
  }

  @Override
  public Sink<BurnoutRow> burnoutAssessments() {
    return new ClickHouseSink<>(endpoint, new BurnoutAssessmentsTable(), settings);
  }

  @Override
  public Sink<LevelChange> burnoutLevelChanges() {
    return new ClickHouseSink<>(endpoint, new BurnoutLevelChangesTable(), settings);
  }

  @Override
  public Sink<LevelChange> burnoutLevelChangeTopic() {
    return JsonTopic.sink(
        config, JsonTopic.levelChanges(config.get("kafka.topic.burnout-level-changes")));
  }

  @Override
  public Sink<QueueSnapshot> queueHealth() {
    return new ClickHouseSink<>(endpoint, new QueueHealthTable(), settings);
  }

  @Override
  public Sink<QueueSnapshot> queueHealthTopic() {
    return JsonTopic.sink(config, JsonTopic.queueHealth(config.get("kafka.topic.queue-health")));
  }

  @Override
  public Sink<QueueAlert> queueAlerts() {
    return new ClickHouseSink<>(endpoint, new QueueAlertsTable(), settings);
  }

  @Override
  public Sink<QueueAlert> queueAlertTopic() {
    return JsonTopic.sink(config, JsonTopic.queueAlerts(config.get("kafka.topic.queue-alerts")));
  }
}
