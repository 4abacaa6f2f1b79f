package io.ccpulse.pipeline.sink;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes rows to one ClickHouse table, as its {@link OutputTable} declares them, in batches by size
 * and age, and always at a checkpoint (so a completed checkpoint means its rows are in ClickHouse:
 * at-least-once, made exactly-once in effect by the ReplacingMergeTree keys).
 */
public final class ClickHouseSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final ClickHouseEndpoint endpoint;
  private final OutputTable<T> table;
  private final SinkSettings settings;

  public ClickHouseSink(ClickHouseEndpoint endpoint, OutputTable<T> table, SinkSettings settings) {
    this.endpoint = endpoint;
    this.table = table;
    this.settings = settings;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ClickHouseWriter<>(
        endpoint,
        table,
        settings,
        context.getProcessingTimeService(),
        context.metricGroup().addGroup("clickhouse", table.name()));
  }
}
