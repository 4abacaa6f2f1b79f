package io.ccpulse.clickhouse;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code migrate} command: applies the ClickHouse migrations.
 *
 * <pre>
 * --url jdbc:clickhouse://127.0.0.1:8123   server (no database part)
 * --database ccpulse                       created if missing
 * --user default                           password from CCPULSE_CLICKHOUSE_PASSWORD(_FILE)
 * --property name=value                    clickhouse-jdbc property, repeatable
 * --set name=value                         a migration placeholder, e.g. rejected_events_ttl_days=30
 * </pre>
 */
public final class MigrateMain {
  private MigrateMain() {}

  public static void main(String[] args) throws Exception {
    String url = "jdbc:clickhouse://127.0.0.1:8123";
    String database = "ccpulse";
    String user = "default";
    Map<String, String> properties = new TreeMap<>();
    Map<String, String> variables = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--url" -> url = require(args[i], value);
        case "--database" -> database = require(args[i], value);
        case "--user" -> user = require(args[i], value);
        case "--property" -> putPair(properties, require(args[i], value));
        case "--set" -> putPair(variables, require(args[i], value));
        default ->
            throw new IllegalArgumentException(
                "Unknown option "
                    + args[i]
                    + " (known: --url, --database, --user, --property, --set)");
      }
      i++;
    }
    ClickHouseEndpoint endpoint = new ClickHouseEndpoint(url, database, user, properties);
    Migrator.Report report = new Migrator(endpoint, variables).migrate();
    System.out.printf(
        "ClickHouse %s: %d migration(s) applied, %d already there%n",
        endpoint, report.applied().size(), report.alreadyApplied().size());
    report
        .applied()
        .forEach(m -> System.out.printf("  applied V%03d__%s%n", m.version(), m.name()));
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static void putPair(Map<String, String> map, String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("Expected name=value, got " + pair);
    }
    map.put(pair.substring(0, eq), pair.substring(eq + 1));
  }
}
