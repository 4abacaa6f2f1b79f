package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows a round wrote, per table of its database: {@code count()} (no FINAL) of every MergeTree
 * table, read right after the job finished. That is what the sinks inserted, less any row versions
 * a background merge of a Replacing table has already folded (few: a bounded replay writes a key
 * again only for a late correction). What ClickHouse parses, stores and merges grows with these.
 */
record TableRows(Map<String, Long> rows) {
  static TableRows of(ClickHouseEndpoint db) throws Exception {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection conn = db.open();
        Statement st = conn.createStatement()) {
      StringBuilder tables = new StringBuilder();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT name FROM system.tables WHERE database = currentDatabase()"
                  + " AND engine LIKE '%MergeTree' AND name != 'schema_migrations' ORDER BY name")) {
        while (rs.next()) {
          tables.append(tables.isEmpty() ? "" : ",").append(rs.getString(1));
        }
      }
      for (String table : tables.toString().split(",")) {
        if (table.isEmpty()) {
          continue;
        }
        try (ResultSet rs = st.executeQuery("SELECT count() FROM " + table)) {
          rs.next();
          rows.put(table, rs.getLong(1));
        }
      }
    }
    return new TableRows(rows);
  }

  long total() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every table with its rows, largest first, then the total and the rows per record read. */
  String describe(long recordsRead) {
    StringBuilder b = new StringBuilder();
    rows.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                b.append(b.isEmpty() ? "" : ", ")
                    .append(e.getKey())
                    .append(' ')
                    .append(String.format("%,d", e.getValue())));
    return String.format(
        "rows written per table: %s; in all %,d = %.3f rows per record read",
        b, total(), total() / (double) recordsRead);
  }
}
