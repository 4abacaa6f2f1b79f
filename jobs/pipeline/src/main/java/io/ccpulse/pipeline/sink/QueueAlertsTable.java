package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.alert.QueueAlert;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** queue_alerts (migration V007): one row per raise and per clear. */
public final class QueueAlertsTable implements ClickHouseTable<QueueAlert> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "queue_alerts";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "alert_id",
        "tenant_id",
        "queue_id",
        "rule",
        "severity",
        "status",
        "value",
        "threshold",
        "raised_at",
        "cleared_at");
  }

  @Override
  public long retainedBy(QueueAlert a) {
    return a.raisedAt;
  }

  @Override
  public void bind(PreparedStatement insert, QueueAlert a) throws SQLException {
    insert.setString(1, a.alertId);
    insert.setString(2, a.tenantId);
    insert.setString(3, a.queueId);
    insert.setString(4, a.rule.key());
    insert.setString(5, a.severity);
    insert.setString(6, a.status.name());
    ClickHouseTable.setNullable(insert, 7, a.value);
    insert.setDouble(8, a.threshold);
    insert.setObject(9, Times.utc(a.raisedAt));
    if (a.clearedAt == Long.MIN_VALUE) {
      insert.setNull(10, Types.TIMESTAMP);
    } else {
      insert.setObject(10, Times.utc(a.clearedAt));
    }
  }
}
