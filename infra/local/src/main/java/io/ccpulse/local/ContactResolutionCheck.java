package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.local.AnalystViewCheck.ViewRow;
import io.ccpulse.simulator.truth.ContactFactTruth;
import io.ccpulse.simulator.truth.ContactResolutionTruth;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contact-level figures (docs/metrics.md §11) against the simulator's own conversations: every
 * row of contact_resolutions, every sum and average of contact_resolution_daily, and the
 * handle-time percentiles of handle_time_daily, each computed here from the truth, in both
 * directions.
 */
public final class ContactResolutionCheck {
  /** Rows compared per view, and the differences (the first few listed, all counted). */
  public record Report(Map<String, Integer> rows, List<String> differences, int differenceCount) {
    public boolean allMatch() {
      return differenceCount == 0;
    }

    public String summary() {
      StringBuilder sb = new StringBuilder();
      rows.forEach((view, n) -> sb.append(String.format("%s %,d rows, ", view, n)));
      return sb.append(String.format("%,d differences", differenceCount)).toString();
    }
  }

  /** The averages of contact_resolution_daily: compared as rates, the rest as exact counts. */
  static final List<String> AVERAGES =
      List.of("transfers_avg", "holds_avg", "resolution_avg_s", "transferred_share");

  private ContactResolutionCheck() {}

  public static Report check(
      List<ContactResolutionTruth> resolutions,
      List<ContactFactTruth> facts,
      ClickHouseEndpoint endpoint)
      throws SQLException {
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      return compare(
          resolutions,
          facts,
          read(
              st,
              "SELECT tenant_id, interaction_id, channel, queue_id, customer_id, started_at,"
                  + " resolved_at, resolution_ms, legs, transfers, holds, hold_ms, handle_ms,"
                  + " toUInt8(abandoned) AS abandoned FROM contact_resolutions FINAL",
              5),
          read(
              st,
              "SELECT tenant_id, queue_id, channel, toString(day), contacts, legs, transfers,"
                  + " contacts_transferred, holds, contacts_held, hold_ms, resolution_ms,"
                  + " resolution_max_ms, handle_ms, "
                  + String.join(", ", AVERAGES)
                  + " FROM contact_resolution_daily",
              4),
          read(
              st,
              "SELECT tenant_id, entity_kind, entity_id, channel, toString(day), handled,"
                  + " handle_ms, handle_median_ms, handle_p90_ms, handle_max_ms"
                  + " FROM handle_time_daily",
              5));
    }
  }

  /** The comparison itself, on rows already read (so it can be tested without a cluster). */
  static Report compare(
      List<ContactResolutionTruth> resolutions,
      List<ContactFactTruth> facts,
      List<ViewRow> rows,
      List<ViewRow> daily,
      List<ViewRow> handleTimes) {
    List<String> differences = new ArrayList<>();
    int[] count = new int[1];
    Map<String, Integer> compared = new LinkedHashMap<>();
    compared.put(
        "contact_resolutions",
        AnalystViewCheck.compare(
            "contact_resolutions", expectedRows(resolutions), rows, differences, count));
    compared.put(
        "contact_resolution_daily",
        AnalystViewCheck.compare(
            "contact_resolution_daily", expectedDaily(resolutions), daily, differences, count));
    compared.put(
        "handle_time_daily",
        AnalystViewCheck.compare(
            "handle_time_daily", expectedHandleTimes(facts), handleTimes, differences, count));
    return new Report(compared, differences, count[0]);
  }

  static List<ViewRow> expectedRows(List<ContactResolutionTruth> resolutions) {
    List<ViewRow> rows = new ArrayList<>();
    for (ContactResolutionTruth r : resolutions) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("started_at", r.startedAt());
      v.put("resolved_at", r.resolvedAt());
      v.put("resolution_ms", r.resolutionMs());
      v.put("legs", (long) r.legs());
      v.put("transfers", (long) r.transfers());
      v.put("holds", (long) r.holds());
      v.put("hold_ms", r.holdMs());
      v.put("handle_ms", r.handleMs());
      v.put("abandoned", r.abandoned() ? 1L : 0L);
      rows.add(
          new ViewRow(
              String.join(
                  " ",
                  r.tenantId(),
                  r.interactionId(),
                  r.channel().name(),
                  r.queueId(),
                  r.customerId() == null ? "" : r.customerId()),
              v));
    }
    return rows;
  }

  /** Per tenant, queue, channel and UTC day of resolution: sums first, averages from them. */
  static List<ViewRow> expectedDaily(List<ContactResolutionTruth> resolutions) {
    Map<String, Map<String, Object>> days = new TreeMap<>();
    for (ContactResolutionTruth r : resolutions) {
      String key =
          String.join(
              " ", r.tenantId(), r.queueId(), r.channel().name(), day(r.resolvedAt()).toString());
      Map<String, Object> v = days.computeIfAbsent(key, k -> new LinkedHashMap<>());
      add(v, "contacts", 1);
      add(v, "legs", r.legs());
      add(v, "transfers", r.transfers());
      add(v, "contacts_transferred", r.transfers() > 0 ? 1 : 0);
      add(v, "holds", r.holds());
      add(v, "contacts_held", r.holds() > 0 ? 1 : 0);
      add(v, "hold_ms", r.holdMs());
      add(v, "resolution_ms", r.resolutionMs());
      v.merge("resolution_max_ms", r.resolutionMs(), (a, b) -> Math.max((Long) a, (Long) b));
      add(v, "handle_ms", r.handleMs());
    }
    List<ViewRow> rows = new ArrayList<>();
    days.forEach(
        (key, v) -> {
          double contacts = (Long) v.get("contacts");
          v.put("transfers_avg", (Long) v.get("transfers") / contacts);
          v.put("holds_avg", (Long) v.get("holds") / contacts);
          v.put("resolution_avg_s", (Long) v.get("resolution_ms") / contacts / 1000);
          v.put("transferred_share", (Long) v.get("contacts_transferred") / contacts);
          rows.add(new ViewRow(key, v));
        });
    return rows;
  }

  /**
   * Per queue and per agent (with the channel) and UTC day of the wrap-up: the legs' handle times,
   * and their nearest-rank median and 90th percentile (the value at rank ⌈p·n⌉ of the sorted n).
   */
  static List<ViewRow> expectedHandleTimes(List<ContactFactTruth> facts) {
    Map<String, List<Long>> handles = new TreeMap<>();
    for (ContactFactTruth f : facts) {
      if (!f.kind().equals("LEG")) {
        continue;
      }
      long handle = f.talkMs() + f.holdMs() + f.acwMs();
      String rest = f.channel().name() + " " + day(f.at());
      handles
          .computeIfAbsent(
              String.join(" ", f.tenantId(), "QUEUE", f.queueId(), rest), k -> new ArrayList<>())
          .add(handle);
      handles
          .computeIfAbsent(
              String.join(" ", f.tenantId(), "AGENT", f.agentId(), rest), k -> new ArrayList<>())
          .add(handle);
    }
    List<ViewRow> rows = new ArrayList<>();
    handles.forEach(
        (key, list) -> {
          List<Long> sorted = list.stream().sorted().toList();
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("handled", (long) sorted.size());
          v.put("handle_ms", sorted.stream().mapToLong(Long::longValue).sum());
          v.put("handle_median_ms", nearestRank(sorted, 50));
          v.put("handle_p90_ms", nearestRank(sorted, 90));
          v.put("handle_max_ms", sorted.get(sorted.size() - 1));
          rows.add(new ViewRow(key, v));
        });
    return rows;
  }

  /** The smallest value with at least {@code percent}% of the values at or below it. */
  static long nearestRank(List<Long> sorted, int percent) {
    int rank = (int) Math.ceil(sorted.size() * (percent / 100.0) - 1e-9);
    return sorted.get(Math.max(1, rank) - 1);
  }

  private static void add(Map<String, Object> v, String column, long n) {
    v.merge(column, n, (a, b) -> (Long) a + (Long) b);
  }

  private static LocalDate day(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC).toLocalDate();
  }

  /** The first {@code keyColumns} columns joined as the key; times as epoch ms, rates as Double. */
  private static List<ViewRow> read(Statement st, String sql, int keyColumns) throws SQLException {
    List<ViewRow> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<String> key = new ArrayList<>();
        for (int c = 1; c <= keyColumns; c++) {
          key.add(rs.getString(c));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int c = keyColumns + 1; c <= meta.getColumnCount(); c++) {
          String label = meta.getColumnLabel(c);
          Object v;
          if (AVERAGES.contains(label)) {
            double d = rs.getDouble(c);
            v = rs.wasNull() ? null : d;
          } else if (label.endsWith("_at")) {
            v = rs.getObject(c, OffsetDateTime.class).toInstant().toEpochMilli();
          } else {
            v = rs.getLong(c);
          }
          values.put(label, v);
        }
        rows.add(new ViewRow(String.join(" ", key), values));
      }
    }
    return rows;
  }
}
