package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.TenantTimeZones;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.TruthRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What analysts read beyond the sums: the rates of interval_metrics_current (aht_s, asa_s,
 * abandon_rate, service_level, transfer_rate, csat_avg), the occupancy of agent_time_current, and
 * daily_metrics, weekly_metrics and monthly_metrics (every sum and rate per entity and local day,
 * ISO week and month of the tenant's time zone, from the 15-minute rows), each checked against the
 * same computed here from the truth's sums ({@link Rates}), in both directions. Local periods are
 * taken here with java.time ({@link TenantTimeZones#localDay}), not with the offsets the views join
 * on. The sums of the interval rows are {@link TruthComparison}'s business; this checks the SQL on
 * top.
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

  static final int DAILY_INTERVAL_S = 900; // the rollups roll up the 15-minute rows

  /** A local period's view, its period column and how a local day maps to its period. */
  private enum Period {
    DAY("daily_metrics", "day"),
    WEEK("weekly_metrics", "week"),
    MONTH("monthly_metrics", "month");

    final String view;
    final String column;

    Period(String view, String column) {
      this.view = view;
      this.column = column;
    }

    LocalDate of(LocalDate day) {
      return switch (this) {
        case DAY -> day;
        case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case MONTH -> day.withDayOfMonth(1);
      };
    }
  }

  private AnalystViewCheck() {}

  /** With every tenant in UTC. */
  public static Report check(List<TruthRow> truth, ClickHouseEndpoint endpoint)
      throws SQLException {
    return check(truth, TenantTimeZones.none(), endpoint);
  }

  /** With local days, weeks and months in {@code zones}. */
  public static Report check(
      List<TruthRow> truth, TenantTimeZones zones, ClickHouseEndpoint endpoint)
      throws SQLException {
    List<ViewRow> intervals;
    List<ViewRow> agentTime;
    Map<Period, List<ViewRow>> periods = new LinkedHashMap<>();
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
      for (Period period : Period.values()) {
        periods.put(
            period,
            read(
                st,
                "SELECT entity_kind, tenant_id, entity_id, channel, toString("
                    + period.column
                    + "), "
                    + String.join(", ", TruthComparison.INTERVAL_FIGURES)
                    + ", "
                    + String.join(", ", Rates.INTERVAL)
                    + " FROM "
                    + period.view,
                false));
      }
    }
    return compare(truth, zones, intervals, agentTime, periods);
  }

  static Report compare(
      List<TruthRow> truth, List<ViewRow> intervals, List<ViewRow> agentTime, List<ViewRow> daily) {
    return compare(truth, TenantTimeZones.none(), intervals, agentTime, Map.of(Period.DAY, daily));
  }

  private static Report compare(
      List<TruthRow> truth,
      TenantTimeZones zones,
      List<ViewRow> intervals,
      List<ViewRow> agentTime,
      Map<Period, List<ViewRow>> read) {
    List<ViewRow> expectedIntervals = new ArrayList<>();
    List<ViewRow> expectedAgentTime = new ArrayList<>();
    Map<Period, Map<String, Map<String, Long>>> sumsByPeriod = new LinkedHashMap<>();
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
        LocalDate day = zones.localDay(row.tenantId(), row.intervalStart());
        for (Period period : read.keySet()) {
          Map<String, Long> periodSums =
              sumsByPeriod
                  .computeIfAbsent(period, p -> new LinkedHashMap<>())
                  .computeIfAbsent(
                      TruthComparison.entityKey(row) + " " + period.of(day),
                      k -> new LinkedHashMap<>());
          // Sums add up; the longest wait is the longest of the period's.
          sums.forEach(
              (column, v) ->
                  periodSums.merge(
                      column, v, column.equals("wait_max_ms") ? Math::max : Long::sum));
        }
      }
    }
    Map<String, Integer> rows = new LinkedHashMap<>();
    List<String> differences = new ArrayList<>();
    int[] count = new int[1];
    rows.put(
        "interval_metrics_current rates",
        compare("interval_metrics_current", expectedIntervals, intervals, differences, count));
    rows.put(
        "agent_time_current occupancy",
        compare("agent_time_current", expectedAgentTime, agentTime, differences, count));
    for (Map.Entry<Period, List<ViewRow>> e : read.entrySet()) {
      List<ViewRow> expected = new ArrayList<>();
      sumsByPeriod
          .getOrDefault(e.getKey(), Map.of())
          .forEach(
              (key, sums) -> {
                Map<String, Object> values = new LinkedHashMap<>(sums);
                values.putAll(Rates.ofInterval(sums));
                expected.add(new ViewRow(key, values));
              });
      String view = e.getKey().view;
      rows.put(view, compare(view, expected, e.getValue(), differences, count));
    }
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
