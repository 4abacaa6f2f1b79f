package io.ccpulse.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The retention the tables of a database really have: each table's TTL, read from the server
 * ({@code system.tables}), as the column it counts from and its days. The migrations write TTLs as
 * {@code TTL toDateTime(column) + INTERVAL n DAY}; ClickHouse shows them as {@code
 * toIntervalDay(n)}.
 */
public final class TableRetention {
  private static final Pattern TTL =
      Pattern.compile(
          "TTL\\s+toDateTime\\((\\w+)\\)\\s*\\+\\s*(?:toIntervalDay\\((\\d+)\\)|INTERVAL\\s+(\\d+)\\s+DAY)");

  /** Which table's TTL each placeholder of the migrations set. */
  private static final Map<String, String> PLACEHOLDER_TABLES =
      Map.of(
          "interval_ttl_days", "interval_metrics",
          "fact_ttl_days", "contact_facts",
          "queue_health_ttl_days", "queue_health");

  private TableRetention() {}

  /** A table's TTL: rows older than {@code days} by {@code column} are deleted. */
  public record Ttl(String table, String column, long days) {}

  /**
   * Parses a table's TTL from its CREATE statement; null if it has none of the migrations' kind.
   */
  public static Ttl parse(String table, String createQuery) {
    Matcher m = TTL.matcher(createQuery);
    if (!m.find()) {
      return null;
    }
    String days = m.group(2) != null ? m.group(2) : m.group(3);
    return new Ttl(table, m.group(1), Long.parseLong(days));
  }

  /** Every table of the endpoint's database with a TTL, by name. */
  public static Map<String, Ttl> read(ClickHouseEndpoint endpoint) throws SQLException {
    Map<String, Ttl> ttls = new LinkedHashMap<>();
    try (Connection c = endpoint.openServer();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT name, create_table_query FROM system.tables WHERE database = ?"
                    + " ORDER BY name")) {
      st.setString(1, endpoint.database());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Ttl ttl = parse(rs.getString(1), rs.getString(2));
          if (ttl != null) {
            ttls.put(ttl.table(), ttl);
          }
        }
      }
    }
    return ttls;
  }

  /** The placeholder values the database's tables were migrated with (those it has). */
  public static Map<String, String> placeholders(ClickHouseEndpoint endpoint) throws SQLException {
    Map<String, Ttl> ttls = read(endpoint);
    Map<String, String> values = new LinkedHashMap<>();
    PLACEHOLDER_TABLES.forEach(
        (placeholder, table) -> {
          Ttl ttl = ttls.get(table);
          if (ttl != null) {
            values.put(placeholder, String.valueOf(ttl.days()));
          }
        });
    return values;
  }
}
