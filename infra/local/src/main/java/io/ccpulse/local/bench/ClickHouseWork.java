package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ClickHouse did in a span, from its own counters ({@code system.events}, which the embedded
 * server keeps; it has no query or part log): INSERTs and the parts they wrote, background merges,
 * and the time each took inside ClickHouse. Beside the per-thread CPU this says why.
 */
record ClickHouseWork(Map<String, Long> events) {
  static final List<String> EVENTS =
      List.of(
          "InsertQuery",
          "InsertedRows",
          "InsertedCompactParts",
          "InsertedWideParts",
          "InsertQueryTimeMicroseconds",
          "Merge",
          "MergedRows",
          "MergeTotalMilliseconds",
          "MergeTreeDataWriterStatisticsCalculationMicroseconds",
          "SelectQuery",
          "SelectQueryTimeMicroseconds");

  static ClickHouseWork read(ClickHouseEndpoint db) throws SQLException {
    Map<String, Long> events = new HashMap<>();
    try (Connection c = db.openServer();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT event, value FROM system.events WHERE event IN ('"
                    + String.join("', '", EVENTS)
                    + "')")) {
      while (rs.next()) {
        events.put(rs.getString(1), rs.getLong(2));
      }
    }
    return new ClickHouseWork(events);
  }

  /** The counters' growth from {@code before} to this. */
  ClickHouseWork minus(ClickHouseWork before) {
    Map<String, Long> d = new HashMap<>();
    for (String e : EVENTS) {
      d.put(e, events.getOrDefault(e, 0L) - before.events.getOrDefault(e, 0L));
    }
    return new ClickHouseWork(d);
  }

  long get(String event) {
    return events.getOrDefault(event, 0L);
  }

  @Override
  public String toString() {
    long inserts = get("InsertQuery");
    return String.format(
        "%,d INSERTs (%,d rows, %,.0f per INSERT; %,d parts written) taking %.1f s in all;"
            + " %,d merges of %,d rows taking %.1f s; statistics computed on insert %.1f s;"
            + " %,d SELECTs taking %.1f s",
        inserts,
        get("InsertedRows"),
        inserts == 0 ? 0.0 : get("InsertedRows") / (double) inserts,
        get("InsertedCompactParts") + get("InsertedWideParts"),
        get("InsertQueryTimeMicroseconds") / 1e6,
        get("Merge"),
        get("MergedRows"),
        get("MergeTotalMilliseconds") / 1e3,
        get("MergeTreeDataWriterStatisticsCalculationMicroseconds") / 1e6,
        get("SelectQuery"),
        get("SelectQueryTimeMicroseconds") / 1e6);
  }
}
