package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.TruthRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What analysts read beyond the sums: the rates of interval_metrics_current (aht_s, asa_s,
 * abandon_rate, service_level, transfer_rate, csat_avg), the occupancy of agent_time_current, and
 * daily_metrics (every sum and rate per entity and UTC day, from the 15-minute rows), each checked
 * against the same computed here from the truth's sums ({@link Rates}), in both directions. The
 * sums of the interval rows are {@link TruthComparison}'s business; this checks the SQL on top.
 */
public final class AnalystViewCheck {
  /** Rows compared per view, and the differences (the first few listed, all counted). */
  public record Report(Map<String, Integer> rows, List<String> differences, int differenceCount) {
    public boolean allMatch() {
      return differenceCount == 0;
    }

    public String summary() {
      StringBuilder sb = new StringBuilder();
      rows.forEach(
          (view, n) ->
              sb.append(sb.length() == 0 ? "" : ", ")
                  .append(view)
                  .append(String.format(" %,d rows", n)));
      return sb.append(String.format(", %,d differences", differenceCount)).toString();
    }
  }

  /**
   * One row read from a view, or expected of it: its key and its values by column (null: SQL NULL).
   */
  record ViewRow(String key, Map<String, Object> values) {}

  static final int DAILY_INTERVAL_S = 900; // daily_metrics rolls up the 15-minute rows

  private AnalystViewCheck() {}

  public static Report check(List<TruthRow> truth, ClickHouseEndpoint endpoint)
      throws SQLException {
    List<ViewRow> intervals;
    List<ViewRow> agentTime;
    List<ViewRow> daily;
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      intervals =
          read(
              st,
              "SELECT entity_kind, tenant_id, entity_id, channel, interval_size_s, interval_start, "
                  + String.join(", ", Rates.INTERVAL)
                  + " FROM interval_metrics_current",
              true);
      agentTime =
          read(
              st,
              "SELECT 'AGENT_TIME', tenant_id, agent_id, '', interval_size_s, interval_start, "
                  + String.join(", ", Rates.AGENT_TIME)
                  + " FROM agent_time_current",
              true);
      daily =
          read(
              st,
              "SELECT entity_kind, tenant_id, entity_id, channel, toString(day), "
                  + String.join(", ", TruthComparison.INTERVAL_FIGURES)
                  + ", "
                  + String.join(", ", Rates.INTERVAL)
                  + " FROM daily_metrics",
              false);
    }
    return compare(truth, intervals, agentTime, daily);
  }

  static Report compare(
      List<TruthRow> truth, List<ViewRow> intervals, List<ViewRow> agentTime, List<ViewRow> daily) {
    List<ViewRow> expectedIntervals = new ArrayList<>();
    List<ViewRow> expectedAgentTime = new ArrayList<>();
    Map<String, Map<String, Long>> days = new LinkedHashMap<>();
    for (TruthRow row : truth) {
      Map<String, Long> sums = TruthComparison.StoredRow.of(row).columns();
      if (row.kind() == EntityKind.AGENT_TIME) {
        expectedAgentTime.add(
            new ViewRow(TruthComparison.key(row), new LinkedHashMap<>(Rates.ofAgentTime(sums))));
        continue;
      }
      expectedIntervals.add(
          new ViewRow(TruthComparison.key(row), new LinkedHashMap<>(Rates.ofInterval(sums))));
      if (row.intervalSize().toSeconds() == DAILY_INTERVAL_S) {
        LocalDate day = row.intervalStart().atOffset(ZoneOffset.UTC).toLocalDate();
        Map<String, Long> daySums =
            days.computeIfAbsent(
                TruthComparison.entityKey(row) + " " + day, k -> new LinkedHashMap<>());
        // Sums add up; the longest wait is the longest of the day's.
        sums.forEach(
            (column, v) ->
                daySums.merge(column, v, column.equals("wait_max_ms") ? Math::max : Long::sum));
      }
    }
    List<ViewRow> expectedDaily = new ArrayList<>();
    days.forEach(
        (key, sums) -> {
          Map<String, Object> values = new LinkedHashMap<>(sums);
          values.putAll(Rates.ofInterval(sums));
          expectedDaily.add(new ViewRow(key, values));
        });
    Map<String, Integer> rows = new LinkedHashMap<>();
    List<String> differences = new ArrayList<>();
    int[] count = new int[1];
    rows.put(
        "interval_metrics_current rates",
        compare("interval_metrics_current", expectedIntervals, intervals, differences, count));
    rows.put(
        "agent_time_current occupancy",
        compare("agent_time_current", expectedAgentTime, agentTime, differences, count));
    rows.put("daily_metrics", compare("daily_metrics", expectedDaily, daily, differences, count));
    return new Report(rows, differences, count[0]);
  }

  static int compare(
      String view,
      List<ViewRow> expected,
      List<ViewRow> actual,
      List<String> differences,
      int[] count) {
    Map<String, Map<String, Object>> got = new LinkedHashMap<>();
    actual.forEach(r -> got.put(r.key(), r.values()));
    for (ViewRow want : expected) {
      Map<String, Object> values = got.remove(want.key());
      if (values == null) {
        note(differences, count, view + " missing " + want.key());
        continue;
      }
      StringBuilder diff = new StringBuilder();
      want.values()
          .forEach(
              (column, v) -> {
                Object g = values.get(column);
                boolean same =
                    v instanceof Long || g instanceof Long
                        ? Objects.equals(v, g)
                        : Rates.same((Double) v, (Double) g);
                if (!same) {
                  diff.append(' ')
                      .append(column)
                      .append(" expected ")
                      .append(v)
                      .append(" got ")
                      .append(g);
                }
              });
      if (diff.length() > 0) {
        note(differences, count, view + " " + want.key() + ":" + diff);
      }
    }
    got.keySet().forEach(key -> note(differences, count, view + " not in the truth: " + key));
    return expected.size();
  }

  private static void note(List<String> differences, int[] count, String difference) {
    count[0]++;
    if (differences.size() < TruthComparison.LISTED) {
      differences.add(difference);
    }
  }

  /**
   * Key columns first (five for a day, six for an interval), then the values: sums as Long, rates
   * as Double.
   */
  private static List<ViewRow> read(Statement st, String sql, boolean interval)
      throws SQLException {
    List<ViewRow> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      int first = interval ? 7 : 6;
      while (rs.next()) {
        String key =
            interval
                ? TruthComparison.key(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getObject(6, OffsetDateTime.class).toInstant().toEpochMilli())
                : TruthComparison.entityKey(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))
                    + " "
                    + rs.getString(5);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int c = first; c <= columns; c++) {
          String label = rs.getMetaData().getColumnLabel(c);
          boolean rate =
              List.of(Rates.INTERVAL).contains(label) || List.of(Rates.AGENT_TIME).contains(label);
          Object v;
          if (rate) {
            double d = rs.getDouble(c);
            v = rs.wasNull() ? null : d;
          } else {
            v = rs.getLong(c);
          }
          values.put(label, v);
        }
        rows.add(new ViewRow(key, values));
      }
    }
    return rows;
  }
}
