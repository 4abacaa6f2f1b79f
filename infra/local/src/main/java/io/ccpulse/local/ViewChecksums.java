package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table and view an analyst reads, as queries whose rows depend only on the input: the same
 * history replayed on 1, 4 or 16 partitions gives the same rows (docs/metrics.md §10). Left out:
 * Kafka positions (they differ by partitioning) and columns that say when a row was written rather
 * than what it says (versions); agent_weekly_scorecards, whose Float64 ratios (aht_vs_usual)
 * ClickHouse sums in an order that depends on the parts the inserts made, so they differ in the
 * 16th digit between 1 and 16 partitions although its input, agent_weekly_queues, is the same.
 * {@code make replay} prints a checksum of each, to compare two replays; ReplayPartitionsITCase
 * compares their rows.
 */
public final class ViewChecksums {
  private ViewChecksums() {}

  /** The queries, by the table or view they read. */
  public static final Map<String, String> VIEWS = new LinkedHashMap<>();

  static {
    VIEWS.put("interval_metrics_current", "SELECT * FROM interval_metrics_current ORDER BY ALL");
    VIEWS.put("agent_time_current", "SELECT * FROM agent_time_current ORDER BY ALL");
    VIEWS.put("daily_metrics", "SELECT * FROM daily_metrics ORDER BY ALL");
    VIEWS.put("weekly_metrics", "SELECT * FROM weekly_metrics ORDER BY ALL");
    VIEWS.put("monthly_metrics", "SELECT * FROM monthly_metrics ORDER BY ALL");
    VIEWS.put("agent_weekly_queues", "SELECT * FROM agent_weekly_queues ORDER BY ALL");
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
    VIEWS.put(
        "burnout_assessments",
        "SELECT * EXCEPT (version) FROM burnout_assessments FINAL ORDER BY ALL");
    VIEWS.put("burnout_latest", "SELECT * EXCEPT (version) FROM burnout_latest ORDER BY ALL");
    VIEWS.put(
        "burnout_level_changes",
        "SELECT * EXCEPT (version) FROM burnout_level_changes FINAL ORDER BY ALL");
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
    for (Map.Entry<String, String> view : checksums(endpoint).entrySet()) {
      out.printf("  %-26s %s%n", view.getKey(), view.getValue());
    }
  }

  /**
   * Each view's checksum beside another database's (a replay of the same history on another number
   * of partitions, say). Returns the views that differ, or that could not be summed in either.
   */
  public static List<String> compare(
      ClickHouseEndpoint endpoint, ClickHouseEndpoint other, PrintStream out) throws SQLException {
    Map<String, String> ours = checksums(endpoint);
    Map<String, String> theirs = checksums(other);
    List<String> differ = new ArrayList<>();
    out.println();
    out.printf("Compared with database %s:%n", other.database());
    for (Map.Entry<String, String> view : ours.entrySet()) {
      String their = theirs.get(view.getKey());
      boolean same = view.getValue().equals(their) && !their.startsWith("(");
      if (!same) {
        differ.add(view.getKey());
      }
      out.printf(
          "  %-26s %s%n",
          view.getKey(), same ? "same" : "DIFFERS: " + view.getValue() + " there " + their);
    }
    out.println(
        differ.isEmpty()
            ? "Every view is the same as in " + other.database() + "."
            : differ.size() + " view(s) differ from " + other.database() + ": " + differ);
    return differ;
  }

  /** By view: its rows and checksum as text, or why it has none. */
  private static Map<String, String> checksums(ClickHouseEndpoint endpoint) throws SQLException {
    Map<String, String> sums = new LinkedHashMap<>();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      for (Map.Entry<String, String> view : VIEWS.entrySet()) {
        try (ResultSet rs = st.executeQuery(checksumQuery(view.getValue()))) {
          rs.next();
          sums.put(
              view.getKey(),
              String.format(
                  "%,9d rows  %016x", rs.getLong(1), Long.parseUnsignedLong(rs.getString(2))));
        } catch (SQLException e) { // a summary line, not a reason to fail the replay
          sums.put(view.getKey(), "(no checksum: " + e.getMessage() + ")");
        }
      }
    }
    return sums;
  }
}
