package io.ccpulse.local.bench;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The day, week and month queries an analyst runs on the rollups, on the last full periods of the
 * generated span, for one contact center (t01, New York) unless they say every tenant; and the same
 * old UTC daily_metrics beside them ({@link #UTC_DAILY}).
 */
final class RollupQueries {
  record Query(String name, String sql) {}

  private RollupQueries() {}

  /**
   * daily_metrics as V026 defines it, UTC days summed from interval_metrics FINAL on every query,
   * created in the benchmark's database as utc_daily_metrics: the same columns as the local views.
   */
  static final String UTC_DAILY =
      """
      CREATE VIEW IF NOT EXISTS utc_daily_metrics AS
      SELECT *,
          if(handled = 0, NULL, handle_ms / handled / 1000)          AS aht_s,
          if(answered = 0, NULL, wait_answered_ms / answered / 1000) AS asa_s,
          if(offered = short_abandoned, NULL,
             (abandoned - short_abandoned) / (offered - short_abandoned)) AS abandon_rate,
          if(offered = short_abandoned, NULL,
             answered_within_sl / (offered - short_abandoned))       AS service_level,
          if(handled = 0, NULL, transferred_out / handled)           AS transfer_rate,
          if(csat_responses = 0, NULL, csat_sum / csat_responses)    AS csat_avg,
          if(nps_responses = 0, NULL,
             100 * (toInt64(nps_promoters) - toInt64(nps_detractors)) / nps_responses) AS nps
      FROM
      (
          SELECT
              tenant_id, entity_kind, entity_id, channel, toDate(interval_start) AS day,
              sum(handled) AS handled, sum(talk_ms) AS talk_ms, sum(hold_ms) AS hold_ms,
              sum(acw_ms) AS acw_ms, sum(handle_ms) AS handle_ms, sum(hold_count) AS hold_count,
              sum(held_contacts) AS held_contacts, sum(transferred_out) AS transferred_out,
              sum(incomplete_legs) AS incomplete_legs, sum(entered) AS entered,
              sum(transferred_in) AS transferred_in, sum(offered) AS offered,
              sum(answered) AS answered, sum(abandoned) AS abandoned,
              sum(short_abandoned) AS short_abandoned, sum(moved_unanswered) AS moved_unanswered,
              sum(abandon_time_ms) AS abandon_time_ms, sum(wait_answered_ms) AS wait_answered_ms,
              max(wait_max_ms) AS wait_max_ms, sum(answered_within_sl) AS answered_within_sl,
              sum(csat_responses) AS csat_responses, sum(csat_sum) AS csat_sum,
              sum(csat_satisfied) AS csat_satisfied, sum(nps_responses) AS nps_responses,
              sum(nps_promoters) AS nps_promoters, sum(nps_detractors) AS nps_detractors
          FROM interval_metrics FINAL
          WHERE interval_size_s = 900
          GROUP BY tenant_id, entity_kind, entity_id, channel, day
      )
      """;

  /** The summed columns of the views, in their order; wait_max_ms is a max. */
  private static final List<String> SUMS =
      List.of(
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
          "nps_responses",
          "nps_promoters",
          "nps_detractors");

  /**
   * weekly_metrics or monthly_metrics as the branch first defined them, the sums of daily_metrics'
   * sums (two aggregations), as {@code nested_<view>}, to compare with reading the 15-minute rows
   * once (the same rows and sums; of the rates, only aht_s).
   */
  static String nested(String view, String period, String periodOfDay) {
    StringBuilder sums = new StringBuilder();
    for (String c : SUMS) {
      sums.append(String.format(", %s(%s) AS %s", c.equals("wait_max_ms") ? "max" : "sum", c, c));
    }
    return "CREATE VIEW IF NOT EXISTS nested_"
        + view
        + " AS SELECT tenant_id, entity_kind, entity_id, channel, "
        + periodOfDay
        + " AS "
        + period
        + ", count() AS days"
        + sums
        + ", if(handled = 0, NULL, handle_ms / handled / 1000) AS aht_s"
        + " FROM daily_metrics GROUP BY tenant_id, entity_kind, entity_id, channel, "
        + period;
  }

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
            "old monthly_metrics (monthly_sums, from the 15-minute rows): every month, per queue"
                + " and channel",
            "SELECT * FROM monthly_sums WHERE "
                + t01
                + " AND entity_kind IN ('QUEUE', 'TENANT_CHANNEL') ORDER BY entity_kind, entity_id, month"),
        new Query(
            "old monthly_metrics (monthly_sums, from the 15-minute rows): every month, every"
                + " tenant's channels",
            "SELECT * FROM monthly_sums WHERE entity_kind = 'TENANT_CHANNEL' ORDER BY tenant_id, channel, month"),
        new Query(
            "nested (sums of daily_metrics): 13 weeks, per queue",
            "SELECT * FROM nested_weekly_metrics WHERE "
                + t01
                + " AND entity_kind = 'QUEUE' AND week BETWEEN '"
                + weeks13
                + "' AND '"
                + week
                + "' ORDER BY entity_id, week"),
        new Query(
            "nested (sums of daily_metrics): a month, per agent",
            "SELECT * FROM nested_monthly_metrics WHERE "
                + t01
                + " AND entity_kind = 'AGENT' AND month = '"
                + monthStart
                + "'"),
        new Query(
            "week: 13 weeks, per queue, FINAL within partitions",
            "SELECT * FROM weekly_metrics WHERE "
                + t01
                + " AND entity_kind = 'QUEUE' AND week BETWEEN '"
                + weeks13
                + "' AND '"
                + week
                + "' ORDER BY entity_id, week SETTINGS do_not_merge_across_partitions_select_final = 1"),
        new Query(
            "day: a month of days, per agent, FINAL within partitions",
            "SELECT * FROM daily_metrics WHERE "
                + t01
                + " AND entity_kind = 'AGENT' AND day BETWEEN '"
                + monthStart
                + "' AND '"
                + monthEnd
                + "' SETTINGS do_not_merge_across_partitions_select_final = 1"),
        new Query(
            "old UTC daily_metrics (V026, interval_metrics FINAL): a month of days, per queue",
            "SELECT * FROM utc_daily_metrics WHERE "
                + t01
                + " AND entity_kind = 'QUEUE' AND day BETWEEN '"
                + monthStart
                + "' AND '"
                + monthEnd
                + "' ORDER BY entity_id, day"),
        new Query(
            "old UTC daily_metrics (V026, interval_metrics FINAL): a day, per agent",
            "SELECT * FROM utc_daily_metrics WHERE "
                + t01
                + " AND entity_kind = 'AGENT' AND day = '"
                + day
                + "'"));
  }
}
