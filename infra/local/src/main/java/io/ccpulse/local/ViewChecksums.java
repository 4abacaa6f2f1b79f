package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every table and view an analyst reads, as queries whose rows depend only on the input: the same
 * history replayed on 1, 4 or 16 partitions gives the same rows (docs/metrics.md §10). Left out:
 * Kafka positions (they differ by partitioning) and columns that say when a row was written rather
 * than what it says (versions). Not yet the data's, so left out: burnout_assessments,
 * burnout_latest and burnout_level_changes (a leg is judged against its queue's usual handle time
 * as far as the legs had arrived; and at the end of a bounded input the assessor writes the
 * intervals only up to where the sources' last periodic watermark had reached; docs/metrics.md
 * §10). {@code make replay} prints a checksum of each, to compare two replays;
 * ReplayPartitionsITCase compares their rows.
 */
public final class ViewChecksums {
  private ViewChecksums() {}

  /** The queries, by the table or view they read. */
  public static final Map<String, String> VIEWS = new LinkedHashMap<>();

  static {
    VIEWS.put("interval_metrics_current", "SELECT * FROM interval_metrics_current ORDER BY ALL");
    VIEWS.put("agent_time_current", "SELECT * FROM agent_time_current ORDER BY ALL");
    VIEWS.put("daily_metrics", "SELECT * FROM daily_metrics ORDER BY ALL");
    VIEWS.put(
        "contact_facts",
        "SELECT * EXCEPT (version, is_deleted) FROM contact_facts FINAL WHERE is_deleted = 0"
            + " ORDER BY ALL");
    VIEWS.put("repeat_contacts", "SELECT * FROM repeat_contacts(window_hours = 72) ORDER BY ALL");
    VIEWS.put(
        "rejected_events",
        "SELECT multiIf(source_topic LIKE '%interactions%', 'interactions',"
            + " source_topic LIKE '%agent-states%', 'agent-states', 'surveys') AS stream,"
            + " reason, event_type, tenant_id, event_id, occurred_at, detail,"
            + " cityHash64(payload) FROM rejected_events FINAL ORDER BY ALL");
    VIEWS.put(
        "ingest_counts_current",
        "SELECT tenant_id, event_type, interval_size_s, toUnixTimestamp64Milli(interval_start),"
            + " events FROM ingest_counts_current ORDER BY ALL");
    VIEWS.put("queue_health", "SELECT * FROM queue_health FINAL ORDER BY ALL");
    VIEWS.put("queue_health_latest", "SELECT * FROM queue_health_latest ORDER BY ALL");
    VIEWS.put("queue_health_spans", "SELECT * FROM queue_health_spans ORDER BY ALL");
    VIEWS.put("queue_alerts", "SELECT * FROM queue_alerts FINAL ORDER BY ALL");
    VIEWS.put("queue_alert_history", "SELECT * FROM queue_alert_history ORDER BY ALL");
    VIEWS.put("open_alerts", "SELECT * FROM open_alerts ORDER BY ALL");
    VIEWS.put("sink_rejections", "SELECT count() FROM sink_rejections");
  }

  /** Rows, and the sum of the rows' hashes (each row hashed as its text). */
  static String checksumQuery(String view) {
    return "SELECT count(), sum(cityHash64(toString(tuple(*)))) FROM (" + view + ")";
  }

  /** Rows and a checksum of each (a sum of row hashes: the order rows are read in is no matter). */
  public static void print(ClickHouseEndpoint endpoint, PrintStream out) throws SQLException {
    out.println();
    out.println("Checksums of what analysts read (equal for the same history on any partitions):");
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      for (Map.Entry<String, String> view : VIEWS.entrySet()) {
        try (ResultSet rs = st.executeQuery(checksumQuery(view.getValue()))) {
          rs.next();
          out.printf(
              "  %-26s %,9d rows  %016x%n",
              view.getKey(), rs.getLong(1), Long.parseUnsignedLong(rs.getString(2)));
        } catch (SQLException e) { // a summary line, not a reason to fail the replay
          out.printf("  %-26s (no checksum: %s)%n", view.getKey(), e.getMessage());
        }
      }
    }
  }
}
