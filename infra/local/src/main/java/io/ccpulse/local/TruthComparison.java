package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the job wrote to ClickHouse, read through the analysts' views, with the simulator's
 * ground truth: every row of either side, every figure column of the view on every row (a QUEUE
 * column on an AGENT row must be 0 too), in both directions. A row in ClickHouse the truth does not
 * have is a difference whatever it holds, zeros included: the truth has a row for every interval
 * with anything in it, so the job has no business writing one the truth lacks.
 */
public final class TruthComparison {
  /**
   * The outcome: per view, how many truth rows there were and how many matched; and the
   * differences.
   */
  public record Report(
      Map<String, int[]> perView, List<String> differences, int differenceCount, int notInTruth) {
    public int truthRows() {
      return perView.values().stream().mapToInt(c -> c[0]).sum();
    }

    public int matched() {
      return perView.values().stream().mapToInt(c -> c[1]).sum();
    }

    public boolean allMatch() {
      return matched() == truthRows() && differenceCount == 0;
    }

    /**
     * e.g. "interval_metrics_current 1,234 of 1,234, agent_time_current 56 of 56, 0 rows not in the
     * truth".
     */
    public String summary() {
      StringBuilder sb = new StringBuilder();
      perView.forEach(
          (view, c) ->
              sb.append(sb.length() == 0 ? "" : ", ")
                  .append(view)
                  .append(' ')
                  .append(String.format("%,d of %,d", c[1], c[0])));
      return sb.append(String.format(", %,d rows not in the truth", notInTruth)).toString();
    }
  }

  /**
   * A row as read from a view: its key (as {@link #key(TruthRow)} spells it) and every figure
   * column.
   */
  public record StoredRow(String key, Map<String, Long> columns) {
    /**
     * The row the job should have written for a truth row: every column of its view, 0 where the
     * kind has none.
     */
    public static StoredRow of(TruthRow row) {
      Map<String, Long> columns = new LinkedHashMap<>();
      for (String column : columnsOf(row.kind())) {
        columns.put(column, expected(row, column));
      }
      return new StoredRow(TruthComparison.key(row), columns);
    }
  }

  /** At most this many differences are listed; all are counted. */
  static final int LISTED = 20;

  static final List<String> INTERVAL_FIGURES =
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
          "callbacks_handled",
          "entered",
          "transferred_in",
          "offered",
          "answered",
          "abandoned",
          "short_abandoned",
          "moved_unanswered",
          "callbacks_requested",
          "callbacks_dialed",
          "callback_wait_ms",
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
  static final List<String> AGENT_TIME_FIGURES =
      List.of("logged_in_ms", "available_ms", "busy_ms", "available_idle_ms");

  static final String INTERVALS = "interval_metrics_current";
  static final String AGENT_TIME = "agent_time_current";

  private TruthComparison() {}

  public static Report compare(List<TruthRow> truth, ClickHouseEndpoint endpoint)
      throws SQLException {
    List<StoredRow> intervals;
    List<StoredRow> agentTime;
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      intervals =
          read(
              st,
              "SELECT entity_kind, tenant_id, entity_id, channel, interval_size_s, interval_start, "
                  + String.join(", ", INTERVAL_FIGURES)
                  + " FROM "
                  + INTERVALS);
      agentTime =
          read(
              st,
              "SELECT 'AGENT_TIME', tenant_id, agent_id, '', interval_size_s, interval_start, "
                  + String.join(", ", AGENT_TIME_FIGURES)
                  + " FROM "
                  + AGENT_TIME);
    }
    return compare(truth, intervals, agentTime);
  }

  /** The comparison itself, on rows already read (so it can be tested without a cluster). */
  public static Report compare(
      List<TruthRow> truth, List<StoredRow> intervals, List<StoredRow> agentTime) {
    Map<String, int[]> perView = new LinkedHashMap<>();
    perView.put(INTERVALS, new int[2]);
    perView.put(AGENT_TIME, new int[2]);
    Map<String, Map<String, Long>> stored = new LinkedHashMap<>();
    List<String> differences = new ArrayList<>();
    int[] count = new int[1];
    for (StoredRow row : intervals) {
      stored.put(row.key(), row.columns());
    }
    for (StoredRow row : agentTime) {
      stored.put(row.key(), row.columns());
    }
    for (TruthRow row : truth) {
      int[] counts = perView.get(row.kind() == EntityKind.AGENT_TIME ? AGENT_TIME : INTERVALS);
      counts[0]++;
      String difference = differ(row, stored.remove(key(row)));
      if (difference == null) {
        counts[1]++;
      } else {
        note(differences, count, difference);
      }
    }
    // Whatever is left has no truth row: reported whatever its figures, zeros included.
    stored.forEach(
        (key, columns) -> note(differences, count, "not in the truth: " + key + " " + columns));
    return new Report(perView, differences, count[0], stored.size());
  }

  private static void note(List<String> differences, int[] count, String difference) {
    count[0]++;
    if (differences.size() < LISTED) {
      differences.add(difference);
    }
  }

  private static String differ(TruthRow row, Map<String, Long> got) {
    if (got == null) {
      return "missing in ClickHouse: " + key(row) + " " + row.figures();
    }
    StringBuilder diff = new StringBuilder();
    for (String column : columnsOf(row.kind())) {
      long expected = expected(row, column);
      Long actual = got.get(column);
      if (actual == null || actual != expected) {
        diff.append(' ')
            .append(column)
            .append(" expected ")
            .append(expected)
            .append(" got ")
            .append(actual);
      }
    }
    return diff.length() == 0 ? null : key(row) + ":" + diff;
  }

  private static List<String> columnsOf(EntityKind kind) {
    return kind == EntityKind.AGENT_TIME ? AGENT_TIME_FIGURES : INTERVAL_FIGURES;
  }

  /**
   * The value a truth row implies for a view column: its figure, 0 for a figure its kind does not
   * carry, and 0 incomplete legs, since the simulator finishes every leg it starts (a leg cut short
   * by the job's timeout is a fault of the job, or of a fault the job should have rejected).
   */
  private static long expected(TruthRow row, String column) {
    return column.equals("incomplete_legs") ? 0 : row.get(Figure.ofColumn(column));
  }

  private static List<StoredRow> read(Statement st, String sql) throws SQLException {
    List<StoredRow> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        OffsetDateTime start = rs.getObject(6, OffsetDateTime.class);
        String key =
            key(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                start.toInstant().toEpochMilli());
        Map<String, Long> figures = new LinkedHashMap<>();
        for (int c = 7; c <= columns; c++) {
          figures.put(rs.getMetaData().getColumnLabel(c), rs.getLong(c));
        }
        rows.add(new StoredRow(key, figures));
      }
    }
    return rows;
  }

  static String key(TruthRow r) {
    return entityKey(r) + " " + r.intervalSize().toSeconds() + "s@" + r.intervalStart();
  }

  static String key(
      String kind, String tenant, String entity, String channel, long sizeSeconds, long start) {
    return entityKey(kind, tenant, entity, channel)
        + " "
        + sizeSeconds
        + "s@"
        + Instant.ofEpochMilli(start);
  }

  /**
   * The row's entity as the views key it: kind, tenant, entity id (agent, queue or channel) and
   * channel.
   */
  static String entityKey(TruthRow r) {
    String entity;
    String channel = r.channel() == null ? "" : r.channel().name();
    if (r.kind() == EntityKind.AGENT || r.kind() == EntityKind.AGENT_TIME) {
      entity = r.agentId();
    } else if (r.kind() == EntityKind.QUEUE) {
      entity = r.queueId();
    } else {
      entity = channel;
    }
    if (r.kind() == EntityKind.AGENT_TIME) {
      channel = "";
    }
    return entityKey(r.kind().name(), r.tenantId(), entity, channel);
  }

  static String entityKey(String kind, String tenant, String entity, String channel) {
    return kind + " " + tenant + "/" + entity + " " + channel;
  }
}
