package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.queue.QueueSnapshot;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** queue_health (migration V007). */
public final class QueueHealthTable implements ClickHouseTable<QueueSnapshot> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "queue_health";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "tenant_id",
        "queue_id",
        "channel",
        "at",
        "waiting",
        "oldest_wait_ms",
        "agents_logged_in",
        "agents_on_queue",
        "agents_available",
        "agents_on_contact",
        "agents_on_break",
        "offered",
        "answered",
        "answered_in_sl",
        "abandoned",
        "short_abandoned",
        "service_level",
        "abandon_rate",
        "open_alerts");
  }

  @Override
  public long retainedBy(QueueSnapshot s) {
    return s.at;
  }

  @Override
  public void bind(PreparedStatement insert, QueueSnapshot s) throws SQLException {
    insert.setString(1, s.tenantId);
    insert.setString(2, s.queueId);
    insert.setString(3, s.channel == null ? "" : s.channel.name());
    insert.setObject(4, Times.utc(s.at));
    insert.setInt(5, s.waiting);
    insert.setLong(6, s.oldestWaitMs());
    insert.setInt(7, s.agentsLoggedIn);
    insert.setInt(8, s.agentsOnQueue);
    insert.setInt(9, s.agentsAvailable);
    insert.setInt(10, s.agentsOnContact);
    insert.setInt(11, s.agentsOnBreak);
    insert.setInt(12, s.offered);
    insert.setInt(13, s.answered);
    insert.setInt(14, s.answeredInSl);
    insert.setInt(15, s.abandoned);
    insert.setInt(16, s.shortAbandoned);
    ClickHouseTable.setNullable(insert, 17, s.serviceLevel());
    ClickHouseTable.setNullable(insert, 18, s.abandonRate());
    insert.setInt(19, s.openAlerts);
  }
}
