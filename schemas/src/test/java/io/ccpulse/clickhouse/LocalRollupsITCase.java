package io.ccpulse.clickhouse;

import static io.ccpulse.clickhouse.SqlRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hand-worked rows through the local-time rollups (V031-V033): New York's 23-hour day and Berlin's
 * 25-hour day, Kathmandu's +05:45 and Kolkata's +05:30 midnights, rates from summed parts, a late
 * correction and a stale version, an ISO week across the year's end, a month starting at 22:00 UTC,
 * a tenant in UTC by default, rows written before the migrations, and a zone changed afterwards.
 */
class LocalRollupsITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  private static final String COLUMNS =
      "tenant_id, entity_kind, entity_id, channel, interval_size_s, interval_start, handled,"
          + " handle_ms, offered, answered, abandoned, short_abandoned, answered_within_sl,"
          + " wait_answered_ms, wait_max_ms, version";

  private ClickHouseEndpoint endpoint() {
    return new ClickHouseEndpoint(
        clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
  }

  /** A 15-minute QUEUE row of tenant {@code t}: one contact handled in 1 s, nothing else. */
  private static String quarter(String t, String start, long version) {
    return String.format(
        "INSERT INTO interval_metrics (%s) VALUES ('%s', 'QUEUE', '%s.q', 'VOICE', 900, '%s', 1, 1000,"
            + " 0, 0, 0, 0, 0, 0, 0, %d)",
        COLUMNS, t, t, start, version);
  }

  /** One such row every quarter hour for {@code quarters} quarter hours from {@code start}. */
  private static String quarters(String t, String start, int quarters) {
    return String.format(
        "INSERT INTO interval_metrics (tenant_id, entity_kind, entity_id, channel, interval_size_s,"
            + " interval_start, handled, handle_ms, version) SELECT '%s', 'QUEUE', '%s.q', 'VOICE', 900,"
            + " toDateTime64('%s', 3, 'UTC') + toIntervalSecond(number * 900), 1, 1000, 1 FROM numbers(%d)",
        t, t, start, quarters);
  }

  @Test
  void daysWeeksAndMonthsAreTheTenantsOwn() throws Exception {
    // Migrated up to before the rollups, with a row already there: the migration derives it (UTC).
    new Migrator(endpoint(), Map.of(), upTo(19)).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      st.execute(quarter("t01", "2026-02-01 03:00:00", 1));
      new Migrator(endpoint(), Map.of()).migrate();
      assertThat(query(st, "SELECT day, handled FROM daily_metrics WHERE tenant_id = 't01'"))
          .containsExactly("2026-02-01 1");

      TenantTimeZones zones =
          TenantTimeZones.of(
              Map.of(
                  "t01", "America/New_York",
                  "t02", "Europe/Berlin",
                  "t03", "Asia/Kathmandu",
                  "t04", "Asia/Kolkata"));
      assertThat(zones.write(endpoint())).containsExactly("t01", "t02", "t03", "t04");
      assertThat(TenantTimeZones.read(endpoint()).zones()).isEqualTo(zones.zones());
      // Written again: nothing changed, nothing derived again.
      assertThat(zones.write(endpoint())).isEmpty();
      // 03:00 UTC on 1 February is 22:00 on 31 January in New York.
      assertThat(query(st, "SELECT day, handled FROM daily_metrics WHERE tenant_id = 't01'"))
          .containsExactly("2026-01-31 1");

      // New York springs forward on 8 March 2026: that day has 23 hours, 92 quarter hours.
      st.execute(quarters("t01", "2026-03-07 00:00:00", 3 * 96 + 48));
      assertThat(
              query(
                  st,
                  "SELECT day, handled FROM daily_metrics WHERE tenant_id = 't01' AND day >= '2026-03-01'"
                      + " ORDER BY day"))
          .containsExactly(
              "2026-03-06 20", // 00:00-05:00 UTC on the 7th is still the 6th (EST, -05:00)
              "2026-03-07 96",
              "2026-03-08 92",
              "2026-03-09 96", // from 04:00 UTC (EDT, -04:00)
              "2026-03-10 32");
      // Berlin falls back on 25 October 2026: that day has 25 hours, 100 quarter hours.
      st.execute(quarters("t02", "2026-10-24 00:00:00", 3 * 96));
      assertThat(
              query(
                  st,
                  "SELECT day, handled FROM daily_metrics WHERE tenant_id = 't02' ORDER BY day"))
          .containsExactly("2026-10-24 88", "2026-10-25 100", "2026-10-26 96", "2026-10-27 4");

      // Kathmandu's midnight is 18:15 UTC; Kolkata's 18:30 UTC.
      st.execute(quarter("t03", "2026-03-08 18:00:00", 1));
      st.execute(quarter("t03", "2026-03-08 18:15:00", 1));
      st.execute(quarter("t04", "2026-03-08 18:15:00", 1));
      st.execute(quarter("t04", "2026-03-08 18:30:00", 1));
      assertThat(
              query(
                  st,
                  "SELECT tenant_id, day, handled FROM daily_metrics WHERE tenant_id IN ('t03', 't04')"
                      + " ORDER BY tenant_id, day"))
          .containsExactly(
              "t03 2026-03-08 1", "t03 2026-03-09 1", "t04 2026-03-08 1", "t04 2026-03-09 1");

      // Rates of a day from its sums. A: 1 handled in 100 s; 10 offered, 5 answered (5 within the
      // service level, 50 s of waits, longest 20 s), 5 abandoned. B: 3 handled in 900 s; 90
      // offered,
      // 81 answered (72 within, 1,620 s of waits, longest 60 s), 9 abandoned of which 4 short.
      String rates =
          "INSERT INTO interval_metrics (%s) VALUES ('t04', 'QUEUE', 't04.rates', 'VOICE', 900, '%s',"
              + " %s)";
      st.execute(
          String.format(
              rates, COLUMNS, "2026-06-01 00:00:00", "1, 100000, 10, 5, 5, 0, 5, 50000, 20000, 1"));
      st.execute(
          String.format(
              rates,
              COLUMNS,
              "2026-06-01 12:00:00",
              "3, 900000, 90, 81, 9, 4, 72, 1620000, 60000, 1"));
      String day =
          "SELECT handled, offered, answered, abandoned, short_abandoned, wait_max_ms, aht_s,"
              + " round(asa_s, 9), round(abandon_rate, 9), round(service_level, 9) FROM daily_metrics"
              + " WHERE entity_id = 't04.rates'";
      // AHT 1,000 s / 4 = 250 s (not (100 + 300) / 2); ASA 1,670 s / 86; abandon rate (14 - 4) /
      // (100 - 4); service level 77 / 96.
      assertThat(query(st, day))
          .containsExactly(
              "4 100 86 14 4 60000 250.0 "
                  + round(1670.0 / 86)
                  + " "
                  + round(10.0 / 96)
                  + " "
                  + round(77.0 / 96));
      // A late correction of B (4 handled in 1,200 s) replaces it; a stale version does not.
      st.execute(
          String.format(
              rates,
              COLUMNS,
              "2026-06-01 12:00:00",
              "4, 1200000, 90, 81, 9, 4, 72, 1620000, 60000, 2"));
      st.execute(
          String.format(
              rates,
              COLUMNS,
              "2026-06-01 12:00:00",
              "9, 9000000, 90, 81, 9, 4, 72, 1620000, 60000, 1"));
      assertThat(
              query(st, "SELECT handled, aht_s FROM daily_metrics WHERE entity_id = 't04.rates'"))
          .containsExactly("5 260.0");
      assertThat(
              query(
                  st,
                  "SELECT month, days, handled, aht_s, round(service_level, 9) FROM monthly_metrics"
                      + " WHERE entity_id = 't04.rates'"))
          .containsExactly("2026-06-01 1 5 260.0 " + round(77.0 / 96));

      // ISO weeks: 23:30 on Sunday 3 January 2027 in Kolkata is in 2026-W53; midnight starts
      // 2027-W01.
      st.execute(quarter("t04", "2027-01-03 18:00:00", 1));
      st.execute(quarter("t04", "2027-01-03 18:30:00", 1));
      assertThat(
              query(
                  st,
                  "SELECT week, iso_year, iso_week, days, handled FROM weekly_metrics"
                      + " WHERE tenant_id = 't04' AND entity_id = 't04.q' AND week >= '2026-12-01' ORDER BY week"))
          .containsExactly("2026-12-28 2026 53 1 1", "2027-01-04 2027 1 1 1");
      // Months: 22:00 UTC on 31 March is midnight on 1 April in Berlin (CEST since 29 March).
      st.execute(quarter("t02", "2026-03-31 21:45:00", 1));
      st.execute(quarter("t02", "2026-03-31 22:00:00", 1));
      assertThat(
              query(
                  st,
                  "SELECT month, handled FROM monthly_metrics WHERE tenant_id = 't02' AND month < '2026-10-01'"
                      + " ORDER BY month"))
          .containsExactly("2026-03-01 1", "2026-04-01 1");

      // A tenant never configured is in UTC; 1-minute rows are not rolled up.
      st.execute(quarter("t05", "2026-03-08 23:45:00", 1));
      st.execute(quarter("t05", "2026-03-08 23:45:00", 1).replace(", 900, ", ", 60, "));
      assertThat(query(st, "SELECT day, handled FROM daily_metrics WHERE tenant_id = 't05'"))
          .containsExactly("2026-03-08 1");
      // Configured later, its rows move to its days (23:45 UTC is 05:15 the next day in Kolkata).
      assertThat(TenantTimeZones.of(Map.of("t05", "Asia/Kolkata")).write(endpoint()))
          .containsExactly("t05");
      assertThat(query(st, "SELECT day, handled FROM daily_metrics WHERE tenant_id = 't05'"))
          .containsExactly("2026-03-09 1");
      assertThat(
              query(
                  st,
                  "SELECT count() FROM daily_metrics WHERE tenant_id = 't01' AND day = '2026-03-08'"))
          .as("other tenants untouched")
          .containsExactly("1");
    }
  }

  private static String round(double v) {
    return String.valueOf(Math.round(v * 1e9) / 1e9);
  }

  private static List<Migrator.Migration> upTo(int version) {
    return Migrator.bundled().stream().filter(m -> m.version() <= version).toList();
  }

  @Test
  void aCorrectionThatEmptiesAnIntervalLeavesNoCurrentRow() throws Exception {
    // A late event moved the interval's only figure elsewhere: version 2 has every figure 0.
    new Migrator(endpoint(), Map.of()).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      st.execute(quarter("t05", "2026-03-02 10:00:00", 1));
      st.execute(quarter("t05", "2026-03-02 10:15:00", 1));
      st.execute(
          String.format(
              "INSERT INTO interval_metrics (%s) VALUES ('t05', 'QUEUE', 't05.q', 'VOICE', 900,"
                  + " '2026-03-02 10:00:00', 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)",
              COLUMNS));
      assertThat(query(st, "SELECT count() FROM interval_metrics FINAL WHERE tenant_id = 't05'"))
          .containsExactly("2");
      assertThat(
              query(
                  st,
                  "SELECT toString(interval_start), handled FROM interval_metrics_current"
                      + " WHERE tenant_id = 't05'"))
          .containsExactly("2026-03-02 10:15:00.000 1");
    }
  }
}
