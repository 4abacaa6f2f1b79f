package io.ccpulse.pipeline.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** sink_rejections (migration V008): the dead letter of every ClickHouse table. */
final class SinkRejectionsTable implements ClickHouseTable<SinkRejection> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "sink_rejections";
  }

  @Override
  public List<String> columns() {
    return List.of("rejected_at", "table_name", "error_code", "error", "row");
  }

  @Override
  public void bind(PreparedStatement insert, SinkRejection r) throws SQLException {
    insert.setObject(1, Times.utc(r.rejectedAt()));
    insert.setString(2, r.table());
    insert.setInt(3, r.errorCode());
    insert.setString(4, r.error());
    insert.setString(5, r.row());
  }
}
