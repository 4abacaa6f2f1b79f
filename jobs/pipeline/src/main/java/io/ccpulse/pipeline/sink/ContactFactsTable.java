package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.contact.ContactFact;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * contact_facts (migration V004): completed legs and queue outcomes, for ad-hoc analysis. A
 * retraction is written as a deleting row (is_deleted = 1), so FINAL no longer shows the fact.
 */
public final class ContactFactsTable implements ClickHouseTable<ContactFact> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "contact_facts";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "tenant_id",
        "interaction_id",
        "fact",
        "at",
        "channel",
        "queue_id",
        "agent_id",
        "customer_id",
        "answered_at",
        "wait_ms",
        "talk_ms",
        "hold_ms",
        "hold_count",
        "acw_ms",
        "handle_ms",
        "transferred",
        "csat",
        "version",
        "is_deleted");
  }

  @Override
  public long retainedBy(ContactFact f) {
    return f.at;
  }

  @Override
  public void bind(PreparedStatement insert, ContactFact f) throws SQLException {
    insert.setString(1, f.tenantId);
    insert.setString(2, f.interactionId);
    insert.setString(3, f.kind.name());
    insert.setObject(4, Times.utc(f.at));
    insert.setString(5, f.channel.name());
    insert.setString(6, f.queueId == null ? "" : f.queueId);
    insert.setString(7, f.agentId == null ? "" : f.agentId);
    insert.setString(8, f.customerId == null ? "" : f.customerId);
    insert.setObject(9, f.answeredAt == 0 ? null : Times.utc(f.answeredAt));
    insert.setLong(10, f.waitMs);
    insert.setLong(11, f.talkMs);
    insert.setLong(12, f.holdMs);
    insert.setInt(13, f.holdCount);
    insert.setLong(14, f.acwMs);
    insert.setLong(15, f.handleMs());
    insert.setBoolean(16, f.transferred);
    insert.setInt(17, f.csat);
    insert.setLong(18, f.version);
    insert.setInt(19, f.sign < 0 ? 1 : 0);
  }
}
