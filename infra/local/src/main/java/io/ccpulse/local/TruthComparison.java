package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the job wrote to ClickHouse, read through the analysts' views, with the simulator's
 * ground truth, row by row and figure by figure: the end-to-end check of every metric.
 */
public final class TruthComparison {
  /** The outcome: per view, how many truth rows matched; and the first differences. */
  public record Report(Map<String, int[]> perView, List<String> differences) {
    public int truthRows() {
      return perView.values().stream().mapToInt(c -> c[0]).sum();
    }

    public int matched() {
      return perView.values().stream().mapToInt(c -> c[1]).sum();
    }

    public boolean allMatch() {
      return matched() == truthRows() && differences.isEmpty();
    }

    /** e.g. "interval_metrics_current 1234/1234, agent_time_current 56/56". */
    public String summary() {
      StringBuilder sb = new StringBuilder();
      perView.forEach((view, c) -> sb.append(sb.length() == 0 ? "" : ", ").append(view).append(' ')
          .append(String.format("%,d of %,d", c[1], c[0])));
      return sb.toString();
    }
  }

  private static final List<String> INTERVAL_FIGURES = List.of("handled", "talk_ms", "hold_ms", "acw_ms",
      "handle_ms", "hold_count", "held_contacts", "transferred_out", "incomplete_legs", "entered", "transferred_in",
      "offered", "answered", "abandoned", "short_abandoned", "moved_unanswered", "abandon_time_ms",
      "wait_answered_ms", "wait_max_ms", "answered_within_sl", "csat_responses", "csat_sum", "csat_satisfied");
  private static final List<String> AGENT_TIME_FIGURES = List.of("logged_in_ms", "available_ms", "busy_ms",
      "available_idle_ms");

  private static final String INTERVALS = "interval_metrics_current";
  private static final String AGENT_TIME = "agent_time_current";

  private TruthComparison() {}

  public static Report compare(List<TruthRow> truth, ClickHouseEndpoint endpoint) throws SQLException {
    Map<String, Map<String, Long>> stored = new HashMap<>();
    try (Connection conn = endpoint.open(); Statement st = conn.createStatement()) {
      read(st, "SELECT entity_kind, tenant_id, entity_id, channel, interval_size_s, interval_start, "
          + String.join(", ", INTERVAL_FIGURES) + " FROM " + INTERVALS, stored);
      read(st, "SELECT 'AGENT_TIME', tenant_id, agent_id, '', interval_size_s, interval_start, "
          + String.join(", ", AGENT_TIME_FIGURES) + " FROM " + AGENT_TIME, stored);
    }
    Map<String, int[]> perView = new java.util.LinkedHashMap<>();
    perView.put(INTERVALS, new int[2]);
    perView.put(AGENT_TIME, new int[2]);
    List<String> differences = new ArrayList<>();
    for (TruthRow row : truth) {
      int[] counts = perView.get(row.kind() == EntityKind.AGENT_TIME ? AGENT_TIME : INTERVALS);
      counts[0]++;
      Map<String, Long> got = stored.remove(key(row));
      String difference = differ(row, got);
      if (difference == null) {
        counts[1]++;
      } else if (differences.size() < 20) {
        differences.add(difference);
      }
    }
    for (Map.Entry<String, Map<String, Long>> extra : stored.entrySet()) {
      boolean counted = extra.getValue().entrySet().stream()
          .anyMatch(e -> !e.getKey().equals("incomplete_legs") && e.getValue() != 0);
      if (counted && differences.size() < 20) {
        differences.add("not in the truth: " + extra.getKey() + " " + extra.getValue());
      }
    }
    return new Report(perView, differences);
  }

  private static String differ(TruthRow row, Map<String, Long> got) {
    if (got == null) {
      return "missing in ClickHouse: " + key(row) + " " + row.figures();
    }
    StringBuilder diff = new StringBuilder();
    for (Figure f : row.kind().figures()) {
      long expected = row.get(f);
      Long actual = got.get(f.column());
      if (actual == null || actual != expected) {
        diff.append(' ').append(f.column()).append(" expected ").append(expected).append(" got ").append(actual);
      }
    }
    return diff.length() == 0 ? null : key(row) + ":" + diff;
  }

  private static void read(Statement st, String sql, Map<String, Map<String, Long>> into) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        OffsetDateTime start = rs.getObject(6, OffsetDateTime.class);
        String key = key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
            start.toInstant().toEpochMilli());
        Map<String, Long> figures = new HashMap<>();
        for (int c = 7; c <= columns; c++) {
          figures.put(rs.getMetaData().getColumnLabel(c), rs.getLong(c));
        }
        into.put(key, figures);
      }
    }
  }

  private static String key(TruthRow r) {
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
    return key(r.kind().name(), r.tenantId(), entity, channel, r.intervalSize().toSeconds(), r.intervalStart().toEpochMilli());
  }

  private static String key(String kind, String tenant, String entity, String channel, long sizeSeconds, long start) {
    return kind + " " + tenant + "/" + entity + " " + channel + " " + sizeSeconds + "s@" + java.time.Instant.ofEpochMilli(start);
  }
}
