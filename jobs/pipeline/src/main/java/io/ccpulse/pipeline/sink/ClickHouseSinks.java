package io.ccpulse.pipeline.sink;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.pipeline.agent.AgentTimeRow;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.interval.IntervalRow;
import io.ccpulse.pipeline.ingest.IngestCount;
import io.ccpulse.pipeline.source.RejectedEvent;
import org.apache.flink.api.connector.sink2.Sink;

/** Every output table, in the ClickHouse the configuration names. */
public final class ClickHouseSinks implements PipelineSinks {
  private static final long serialVersionUID = 1L;

  private final ClickHouseEndpoint endpoint;
  private final SinkSettings settings;

  public ClickHouseSinks(PipelineConfig config) {
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
}
