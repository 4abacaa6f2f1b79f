package io.ccpulse.local.bench;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The day, week and month queries an analyst runs on the rollups, on the last full periods of the
 * generated span, for one contact center (t01, New York) unless they say every tenant; and the same
 * month of days read the old way, UTC days from interval_metrics FINAL (daily_metrics before V026).
 */
final class RollupQueries {
  record Query(String name, String sql) {}

  private RollupQueries() {}

  static List<Query> all(LocalDate first, int days) {
    LocalDate last = first.plusDays(days - 1);
    LocalDate day = last.minusDays(1);
    LocalDate monthStart = last.minusMonths(1).withDayOfMonth(1);
    LocalDate monthEnd = monthStart.plusMonths(1).minusDays(1);
    LocalDate week = last.minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate weeks13 = week.minusWeeks(12);
    String t01 = "tenant_id = 't01'";
    return List.of(
        new Query(
            "day: a day, per queue",
            "SELECT * FROM daily_metrics WHERE "
                + t01
                + " AND entity_kind = 'QUEUE' AND day = '"
                + day
                + "'"),
        new Query(
            "day: a day, per agent",
            "SELECT * FROM daily_metrics WHERE "
                + t01
                + " AND entity_kind = 'AGENT' AND day = '"
                + day
                + "'"),
        new Query(
            "day: a month of days, per queue",
            "SELECT * FROM daily_metrics WHERE "
                + t01
                + " AND entity_kind = 'QUEUE' AND day BETWEEN '"
                + monthStart
                + "' AND '"
                + monthEnd
                + "' ORDER BY entity_id, day"),
        new Query(
            "day: a month of days, per agent",
            "SELECT * FROM daily_metrics WHERE "
                + t01
                + " AND entity_kind = 'AGENT' AND day BETWEEN '"
                + monthStart
                + "' AND '"
                + monthEnd
                + "'"),
        new Query(
            "week: a week, per agent",
            "SELECT * FROM weekly_metrics WHERE "
                + t01
                + " AND entity_kind = 'AGENT' AND week = '"
                + week
                + "'"),
        new Query(
            "week: 13 weeks, per queue",
            "SELECT * FROM weekly_metrics WHERE "
                + t01
                + " AND entity_kind = 'QUEUE' AND week BETWEEN '"
                + weeks13
                + "' AND '"
                + week
                + "' ORDER BY entity_id, week"),
        new Query(
            "month: a month, per agent",
            "SELECT * FROM monthly_metrics WHERE "
                + t01
                + " AND entity_kind = 'AGENT' AND month = '"
                + monthStart
                + "'"),
        new Query(
            "month: every month, per queue and channel",
            "SELECT * FROM monthly_metrics WHERE "
                + t01
                + " AND entity_kind IN ('QUEUE', 'TENANT_CHANNEL') ORDER BY entity_kind, entity_id, month"),
        new Query(
            "month: every month, every tenant's channels",
            "SELECT * FROM monthly_metrics WHERE entity_kind = 'TENANT_CHANNEL' ORDER BY tenant_id, channel, month"),
        new Query(
            "old UTC view (interval_metrics FINAL): a month of days, per queue",
            "SELECT tenant_id, entity_kind, entity_id, channel, toDate(interval_start) AS day,"
                + " sum(handled), sum(handle_ms), sum(offered), sum(answered), sum(abandoned),"
                + " sum(short_abandoned), sum(answered_within_sl), sum(wait_answered_ms),"
                + " max(wait_max_ms) FROM interval_metrics FINAL WHERE interval_size_s = 900 AND "
                + t01
                + " AND entity_kind = 'QUEUE' GROUP BY tenant_id, entity_kind, entity_id, channel, day"
                + " HAVING day BETWEEN '"
                + monthStart
                + "' AND '"
                + monthEnd
                + "'"));
  }
}
