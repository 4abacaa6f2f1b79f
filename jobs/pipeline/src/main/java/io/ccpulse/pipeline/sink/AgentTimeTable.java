package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.agent.AgentTimeRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** agent_time (migration V005). */
public final class AgentTimeTable implements ClickHouseTable<AgentTimeRow> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "agent_time";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "tenant_id",
        "agent_id",
        "interval_size_s",
        "interval_start",
        "logged_in_ms",
        "available_ms",
        "busy_ms",
        "available_idle_ms",
        "version");
  }

  @Override
  public long retainedBy(AgentTimeRow row) {
    return row.intervalStart;
  }

  @Override
  public void bind(PreparedStatement insert, AgentTimeRow row) throws SQLException {
    insert.setString(1, row.tenantId);
    insert.setString(2, row.agentId);
    insert.setLong(3, row.intervalSizeSeconds);
    insert.setObject(4, Times.utc(row.intervalStart));
    insert.setLong(5, row.time.loggedInMs);
    insert.setLong(6, row.time.availableMs);
    insert.setLong(7, row.time.busyMs);
    insert.setLong(8, row.time.availableIdleMs);
    insert.setLong(9, row.version);
  }
}
