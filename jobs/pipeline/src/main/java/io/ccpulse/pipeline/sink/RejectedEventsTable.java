package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.source.RejectedEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** rejected_events (migration V001). */
public final class RejectedEventsTable implements ClickHouseTable<RejectedEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "rejected_events";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "rejected_at",
        "source_topic",
        "source_partition",
        "source_offset",
        "reason",
        "detail",
        "event_type",
        "tenant_id",
        "event_id",
        "occurred_at",
        "payload");
  }

  @Override
  public void bind(PreparedStatement insert, RejectedEvent r) throws SQLException {
    insert.setObject(1, Times.utc(r.rejectedAt));
    insert.setString(2, r.sourceTopic);
    insert.setInt(3, r.sourcePartition);
    insert.setLong(4, r.sourceOffset);
    insert.setString(5, r.reason);
    insert.setString(6, r.detail);
    insert.setString(7, r.eventType);
    insert.setString(8, r.tenantId);
    insert.setString(9, r.eventId);
    if (r.occurredAt == null) {
      insert.setNull(10, Types.TIMESTAMP);
    } else {
      insert.setObject(10, Times.utc(r.occurredAt));
    }
    insert.setBytes(11, r.payload);
  }
}
