package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.interval.IntervalFigures;
import io.ccpulse.pipeline.interval.IntervalRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** interval_metrics (migration V003). */
public final class IntervalMetricsTable implements ClickHouseTable<IntervalRow> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "interval_metrics";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "tenant_id",
        "entity_kind",
        "entity_id",
        "channel",
        "interval_size_s",
        "interval_start",
        "handled",
        "talk_ms",
        "hold_ms",
        "acw_ms",
        "handle_ms",
        "hold_count",
        "held_contacts",
        "transferred_out",
        "incomplete_legs",
        "entered",
        "transferred_in",
        "offered",
        "answered",
        "abandoned",
        "short_abandoned",
        "moved_unanswered",
        "abandon_time_ms",
        "wait_answered_ms",
        "wait_max_ms",
        "answered_within_sl",
        "csat_responses",
        "csat_sum",
        "csat_satisfied",
        "version");
  }

  @Override
  public long retainedBy(IntervalRow row) {
    return row.intervalStart;
  }

  @Override
  public void bind(PreparedStatement insert, IntervalRow row) throws SQLException {
    IntervalFigures f = row.figures;
    int i = 1;
    insert.setString(i++, row.tenantId);
    insert.setString(i++, row.kind.name());
    insert.setString(i++, row.entityId);
    insert.setString(i++, row.channel.name());
    insert.setLong(i++, row.intervalSizeSeconds);
    insert.setObject(i++, Times.utc(row.intervalStart));
    for (long v :
        new long[] {
          f.handled,
          f.talkMs,
          f.holdMs,
          f.acwMs,
          f.handleMs,
          f.holdCount,
          f.heldContacts,
          f.transferredOut,
          f.incompleteLegs,
          f.entered,
          f.transferredIn,
          f.offered,
          f.answered,
          f.abandoned,
          f.shortAbandoned,
          f.movedUnanswered,
          f.abandonTimeMs,
          f.waitAnsweredMs,
          f.waitMaxMs,
          f.answeredWithinSl,
          f.csatResponses,
          f.csatSum,
          f.csatSatisfied,
          row.version
        }) {
      insert.setLong(i++, v);
    }
  }
}
