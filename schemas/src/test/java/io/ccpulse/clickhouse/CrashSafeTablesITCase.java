package io.ccpulse.clickhouse;

import static io.ccpulse.clickhouse.SqlRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The migrations that make a crash's rewrites collapse (V009, V010), applied on a database migrated
 * up to V008 that already holds rows: rejected_events keeps its rows and loses its processing-time
 * partition, so a rejection written again in another month is one row; open_alerts shows only the
 * latest alert of a queue and rule.
 */
class CrashSafeTablesITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  private ClickHouseEndpoint endpoint() {
    return new ClickHouseEndpoint(
        clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
  }

  @Test
  void rejectedEventsKeepTheirRowsAndARewriteInAnotherMonthCollapses() throws Exception {
    Map<String, String> keepForever =
        Map.of("rejected_events_ttl_days", "3650"); // the fixed dates are past 90 days
    new Migrator(endpoint(), keepForever, upTo(8)).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      st.execute(rejection("2026-01-31 23:59:59.000", 7, "first copy"));
      st.execute(rejection("2026-01-15 10:00:00.000", 8, "another record"));
      st.execute(rejection("2026-02-01 00:00:05.000", 7, "written again after a crash"));
      // Before: merges never cross partitions, so the copy stays a row of its own (only FINAL hides
      // it).
      st.execute("OPTIMIZE TABLE rejected_events FINAL");
      assertThat(query(st, "SELECT count() FROM rejected_events"))
          .as("before, merged")
          .containsExactly("3");

      new Migrator(endpoint(), keepForever).migrate();

      assertThat(
              query(
                  st,
                  "SELECT partition_key FROM system.tables WHERE database = currentDatabase()"
                      + " AND name = 'rejected_events'"))
          .containsExactly("");
      st.execute("OPTIMIZE TABLE rejected_events FINAL");
      assertThat(query(st, "SELECT count() FROM rejected_events"))
          .as("merged: the copies are one row")
          .containsExactly("2");
      assertThat(
              query(
                  st,
                  "SELECT source_offset, detail FROM rejected_events FINAL ORDER BY source_offset"))
          .as("one row per record and reason, the latest copy")
          .containsExactly("7 written again after a crash", "8 another record");
      st.execute(rejection("2026-03-02 08:00:00.000", 8, "and again a month later"));
      st.execute("OPTIMIZE TABLE rejected_events FINAL");
      assertThat(query(st, "SELECT count() FROM rejected_events")).containsExactly("2");
      assertThat(
              query(
                  st,
                  "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'rejected_events%'"))
          .containsExactly("rejected_events");
      assertThat(
              query(
                      st,
                      "SELECT create_table_query FROM system.tables WHERE database = currentDatabase()"
                          + " AND name = 'rejected_events'")
                  .get(0))
          .contains("TTL", "ReplacingMergeTree(rejected_at)");
    }
  }

  @Test
  void onlyTheLatestAlertOfAQueueAndRuleCanBeOpen() throws Exception {
    new Migrator(endpoint(), Map.of()).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      // An orphan: raised before a crash, never cleared; the replay raised the rule's alert again
      // later.
      st.execute(alert("orphan", "q1", "oldest-wait", "RAISED", "2026-01-05 10:00:00.000", null));
      st.execute(alert("replayed", "q1", "oldest-wait", "RAISED", "2026-01-05 10:00:30.000", null));
      st.execute(
          alert(
              "replayed",
              "q1",
              "oldest-wait",
              "CLEARED",
              "2026-01-05 10:00:30.000",
              "2026-01-05 10:09:00.000"));
      st.execute(
          alert("open", "q1", "no-agent-available", "RAISED", "2026-01-05 10:01:00.000", null));
      st.execute(
          alert("other-queue", "q2", "oldest-wait", "RAISED", "2026-01-05 09:00:00.000", null));
      assertThat(query(st, "SELECT alert_id FROM open_alerts ORDER BY alert_id"))
          .containsExactly("open", "other-queue");
      assertThat(query(st, "SELECT count() FROM queue_alert_history"))
          .as("the history keeps every alert")
          .containsExactly("4");
    }
  }

  private static List<Migrator.Migration> upTo(int version) {
    return Migrator.bundled().stream().filter(m -> m.version() <= version).toList();
  }

  private static String rejection(String at, long offset, String detail) {
    return "INSERT INTO rejected_events (rejected_at, source_topic, source_partition, source_offset, reason, detail,"
        + " event_type, tenant_id, event_id, occurred_at, payload) VALUES ('"
        + at
        + "', 'ccpulse.interactions', 0, "
        + offset
        + ", 'UNREADABLE_BYTES', '"
        + detail
        + "', '', '', '', NULL, 'xx')";
  }

  private static String alert(
      String id, String queue, String rule, String status, String raisedAt, String clearedAt) {
    return "INSERT INTO queue_alerts VALUES ('"
        + id
        + "', 'acme', '"
        + queue
        + "', '"
        + rule
        + "', 'CRITICAL', '"
        + status
        + "', 1.0, 1.0, '"
        + raisedAt
        + "', "
        + (clearedAt == null ? "NULL" : "'" + clearedAt + "'")
        + ")";
  }
}
