package io.ccpulse.clickhouse;

import io.ccpulse.options.CommandLine;
import java.util.Map;
import java.util.Set;

/**
 * {@code migrate} command: applies the ClickHouse migrations.
 *
 * <pre>
 * --url jdbc:clickhouse://127.0.0.1:8123   server (no database part)
 * --database ccpulse                       created if missing
 * --user default                           password from CCPULSE_CLICKHOUSE_PASSWORD(_FILE)
 * --property name=value                    clickhouse-jdbc property, repeatable
 * --set name=value                         a migration placeholder, e.g. rejected_events_ttl_days=30
 * --tenant-time-zone tenant=zone           a tenant's time zone for its days, weeks and months,
 *                                          e.g. t01=America/New_York; repeatable; others stay as
 *                                          they were (UTC if never set)
 * </pre>
 */
public final class MigrateMain {
  private MigrateMain() {}

  public static void main(String[] args) throws Exception {
    CommandLine options;
    String url;
    String database;
    String user;
    Map<String, String> properties;
    Map<String, String> variables;
    TenantTimeZones zones;
    try {
      options = CommandLine.parse(args, Set.of());
      url = options.value("url", "jdbc:clickhouse://127.0.0.1:8123");
      database = options.value("database", "ccpulse");
      user = options.value("user", "default");
      properties = options.pairs("property");
      variables = options.pairs("set");
      zones = TenantTimeZones.of(options.pairs("tenant-time-zone"));
      options.rejectUnread();
    } catch (IllegalArgumentException e) { // a CommandLine.UsageException too
      System.err.println(
          "migrate: "
              + e.getMessage()
              + " (options: --url, --database, --user, --property, --set, --tenant-time-zone)");
      System.exit(2);
      return;
    }
    ClickHouseEndpoint endpoint = new ClickHouseEndpoint(url, database, user, properties);
    Migrator.Report report = new Migrator(endpoint, variables).migrate();
    System.out.printf(
        "ClickHouse %s: %d migration(s) applied, %d already there%n",
        endpoint, report.applied().size(), report.alreadyApplied().size());
    report
        .applied()
        .forEach(m -> System.out.printf("  applied V%03d__%s%n", m.version(), m.name()));
    if (!zones.zones().isEmpty()) {
      Set<String> changed = zones.write(endpoint);
      System.out.printf(
          "Tenant time zones: %s (local rows derived again for %s)%n",
          zones, changed.isEmpty() ? "none" : changed);
    }
  }
}
