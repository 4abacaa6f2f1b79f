package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the local run computed, read back from ClickHouse and printed for a person. */
final class RunSummary {
  private RunSummary() {}

  static void print(ClickHouseEndpoint endpoint, PrintStream out) throws SQLException {
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      out.println();
      out.println("Queues, whole day (from the 15-minute intervals):");
      table(
          st,
          out,
          "SELECT tenant, queue, channel, offered, answered,"
              + " if(offered = short, '-', concat(toString(round(100 * (abandoned - short) / (offered - short), 1)), '%')) AS abandon_rate,"
              + " if(answered = 0, '-', toString(round(wait_ms / answered / 1000, 1))) AS asa_s,"
              + " if(offered = short, '-', concat(toString(round(100 * within_sl / (offered - short), 1)), '%')) AS service_level,"
              + " if(handled = 0, '-', toString(round(handle_ms / handled / 1000, 1))) AS aht_s"
              + " FROM (SELECT tenant_id AS tenant, entity_id AS queue, channel, sum(offered) AS offered,"
              + "   sum(answered) AS answered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short,"
              + "   sum(wait_answered_ms) AS wait_ms, sum(answered_within_sl) AS within_sl, sum(handled) AS handled,"
              + "   sum(handle_ms) AS handle_ms"
              + "   FROM interval_metrics_current WHERE entity_kind = 'QUEUE' AND interval_size_s = 900"
              + "   GROUP BY tenant, queue, channel)"
              + " ORDER BY tenant, channel, queue");
      out.println();
      out.println("Top agents by handle time:");
      table(
          st,
          out,
          "SELECT tenant, agent, legs, round(handle_ms / 3600000, 2) AS handle_hours,"
              + " round(handle_ms / legs / 1000, 1) AS aht_s, transfers"
              + " FROM (SELECT tenant_id AS tenant, entity_id AS agent, sum(handled) AS legs, sum(handle_ms) AS handle_ms,"
              + "   sum(transferred_out) AS transfers FROM interval_metrics_current"
              + "   WHERE entity_kind = 'AGENT' AND interval_size_s = 900 GROUP BY tenant, agent)"
              + " WHERE legs > 0 ORDER BY handle_ms DESC LIMIT 10");
      out.println();
      out.println("Rejected events:");
      table(
          st,
          out,
          "SELECT reason, count() AS events, any(substring(detail, 1, 70)) AS example"
              + " FROM rejected_events FINAL GROUP BY reason ORDER BY events DESC");
    }
    printBurnout(endpoint, out);
    printAlerts(endpoint, out);
  }

  /**
   * The rows the job wrote that a table's TTL deleted at once (older than the table keeps), per
   * table: never a silent loss.
   */
  static void printExpired(PrintStream out) {
    java.util.Map<String, Long> expired = ExpiredRows.counts();
    out.println();
    if (expired.isEmpty()) {
      out.println("Rows deleted by a table's TTL as they were written: none.");
      return;
    }
    StringBuilder s = new StringBuilder();
    expired.forEach(
        (table, n) -> s.append(s.isEmpty() ? "" : ", ").append(String.format("%s %,d", table, n)));
    out.println(
        "ROWS DELETED AT ONCE by a table's TTL (written older than the table keeps): "
            + s
            + ". To keep them, replay into a new database migrated with longer TTLs"
            + " (--set interval_ttl_days=N, fact_ttl_days, queue_health_ttl_days).");
  }

  /** How to query further, for a person: a few queries and the tables. */
  static void printQueryHints(String database, PrintStream out) {
    out.println(
        "  make query SQL=\"SELECT * FROM interval_metrics_current WHERE entity_kind = 'QUEUE' LIMIT 10\""
            + (database.equals("ccpulse") ? "" : " DB=" + database));
    out.println(
        "  curl 'http://127.0.0.1:8123/?database="
            + database
            + "' --data-binary 'SELECT * FROM daily_metrics FORMAT PrettyCompact'");
    out.println(
        "  tables: interval_metrics(_current), daily_metrics, weekly_metrics, monthly_metrics (in each tenant's zone: tenant_time_zones), agent_time(_current), contact_facts, repeat_contacts(window_hours=72), rejected_events, ingest_counts,"
            + " burnout_assessments, burnout_latest, burnout_level_changes, agent_weekly_scorecards (targets: scorecard_targets), queue_health(_latest), queue_alerts, queue_alert_history, open_alerts, sink_rejections");
  }

  /**
   * The queue alerts of the day (docs/queue-health.md): how many per queue and rule, and how long
   * they lasted.
   */
  static void printAlerts(ClickHouseEndpoint endpoint, PrintStream out) throws SQLException {
    section(
        endpoint,
        out,
        "Queue alerts (raised and cleared in event time; open = still open at the end of the input):",
        "SELECT tenant_id AS tenant, queue_id AS queue, rule, count() AS raised, countIf(cleared_at IS NULL) AS open,"
            + " toString(min(raised_at)) AS first_raised,"
            + " round(avgIf(dateDiff('second', raised_at, cleared_at), cleared_at IS NOT NULL) / 60, 1) AS mean_minutes"
            + " FROM queue_alert_history GROUP BY tenant, queue, rule ORDER BY tenant, queue, rule");
  }

  /**
   * Agents whose burnout-risk level rose above LOW during the day, at their highest score
   * (docs/burnout.md).
   */
  static void printBurnout(ClickHouseEndpoint endpoint, PrintStream out) throws SQLException {
    section(
        endpoint,
        out,
        "Burnout risk, agents to check in on (highest score of the day; an aid, not a verdict):",
        "SELECT tenant_id AS tenant, agent_id AS agent, max(score) AS highest, argMax(level, score) AS top_level,"
            + " toString(argMax(assessed_at, score)) AS at,"
            + " arrayStringConcat(arrayMap(f -> JSONExtractString(f, 'factor'), JSONExtractArrayRaw(argMax(factors, score))), ', ')"
            + "   AS factors"
            + " FROM burnout_assessments FINAL GROUP BY tenant, agent HAVING top_level != 'LOW'"
            + " ORDER BY highest DESC, tenant, agent LIMIT 20");
  }

  /** A titled table of one query's result, on a connection of its own. */
  private static void section(
      ClickHouseEndpoint endpoint, PrintStream out, String title, String sql) throws SQLException {
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      out.println();
      out.println(title);
      table(st, out, sql);
    }
  }

  private static void table(Statement st, PrintStream out, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      TextTable.print(rs, out);
    }
  }
}
