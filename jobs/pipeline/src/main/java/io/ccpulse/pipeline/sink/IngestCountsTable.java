package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.ingest.IngestCount;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** ingest_counts (migration V002). */
public final class IngestCountsTable implements ClickHouseTable<IngestCount> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "ingest_counts";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "tenant_id", "event_type", "interval_size_s", "interval_start", "events", "version");
  }

  @Override
  public long retainedBy(IngestCount row) {
    return row.intervalStart;
  }

  @Override
  public void bind(PreparedStatement insert, IngestCount row) throws SQLException {
    insert.setString(1, row.tenantId);
    insert.setString(2, row.eventType);
    insert.setLong(3, row.intervalSizeSeconds);
    insert.setObject(4, Times.utc(row.intervalStart));
    insert.setLong(5, row.events);
    insert.setLong(6, row.version);
  }
}
