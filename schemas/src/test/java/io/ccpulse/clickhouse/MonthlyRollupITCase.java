package io.ccpulse.clickhouse;

import static io.ccpulse.clickhouse.SqlRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hand-worked rows through the stored months (V040): monthly_metrics is what the 15-minute rows say
 * before a refresh, after it, and between two, under a late correction, a retried and a stale
 * version, a correction that empties an interval, a new month, a zone changed and a refresh found
 * incomplete; and the server refreshes on demand and on its own.
 */
class MonthlyRollupITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  /**
   * What a refresh of the server writes, run here and now (the server's own: see the last test).
   */
  private static final String REFRESH =
      "INSERT INTO monthly_rollup SELECT * FROM monthly_rollup_pending";

  private static final String MONTHS =
      "SELECT tenant_id, entity_id, month, days, handled, handle_ms, offered, wait_max_ms, aht_s"
          + " FROM monthly_metrics ORDER BY tenant_id, entity_id, month";

  private static final String STORED =
      "SELECT tenant_id, entity_id, month, days, handled, handle_ms, offered, wait_max_ms"
          + " FROM monthly_rollup FINAL ORDER BY tenant_id, entity_id, month";

  private ClickHouseEndpoint endpoint() {
    return new ClickHouseEndpoint(
        clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
  }

  /**
   * A 15-minute QUEUE row of {@code t}'s queue q: {@code handled} contacts in {@code handleMs},
   * {@code offered} offered, the longest wait {@code waitMaxMs}.
   */
  private static String row(
      String t, String start, long handled, long handleMs, long offered, long waitMaxMs, long v) {
    return String.format(
        "INSERT INTO interval_metrics (tenant_id, entity_kind, entity_id, channel, interval_size_s,"
            + " interval_start, handled, handle_ms, offered, wait_max_ms, version) VALUES ('%s',"
            + " 'QUEUE', '%s.q', 'VOICE', 900, '%s', %d, %d, %d, %d, %d)",
        t, t, start, handled, handleMs, offered, waitMaxMs, v);
  }

  @Test
  void theStoredMonthsAreWhatTheFifteenMinuteRowsSayAtAnyMoment() throws Exception {
    // No margin for inserts in flight: here every insert has returned before the next statement.
    new Migrator(endpoint(), Map.of("monthly_rollup_margin_s", "0")).migrate();
    TenantTimeZones.of(Map.of("t01", "America/New_York", "t02", "Asia/Kolkata")).write(endpoint());
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      // t01 (New York, -05:00 in winter): 03:00 UTC on 1 February is still 31 January, 05:00 is
      // 1 February. t02 (Kolkata, +05:30): 18:30 UTC on 31 January is midnight on 1 February.
      st.execute(row("t01", "2026-01-10 15:00:00", 2, 200_000, 3, 20_000, 1));
      st.execute(row("t01", "2026-02-01 03:00:00", 1, 300_000, 1, 50_000, 1));
      st.execute(row("t01", "2026-02-01 05:00:00", 4, 400_000, 5, 10_000, 1));
      st.execute(row("t01", "2026-03-02 14:00:00", 1, 60_000, 1, 5_000, 1));
      st.execute(row("t02", "2026-01-31 18:15:00", 1, 100_000, 2, 7_000, 1));
      st.execute(row("t02", "2026-01-31 18:30:00", 3, 900_000, 4, 9_000, 1));
      List<String> months =
          List.of(
              "t01 t01.q 2026-01-01 2 3 500000 4 50000 166.66666666666666",
              "t01 t01.q 2026-02-01 1 4 400000 5 10000 100.0",
              "t01 t01.q 2026-03-01 1 1 60000 1 5000 60.0",
              "t02 t02.q 2026-01-01 1 1 100000 2 7000 100.0",
              "t02 t02.q 2026-02-01 1 3 900000 4 9000 300.0");
      // Before any refresh: nothing stored, every month summed from the 15-minute rows.
      assertThat(query(st, STORED)).isEmpty();
      assertThat(query(st, MONTHS)).isEqualTo(months);

      st.execute(REFRESH);
      assertThat(query(st, STORED))
          .isEqualTo(months.stream().map(m -> m.substring(0, m.lastIndexOf(' '))).toList());
      assertThat(query(st, "SELECT count() FROM monthly_rollup_months WHERE NOT stored"))
          .containsExactly("0");
      assertThat(query(st, MONTHS)).isEqualTo(months);
      // Read from the store: the 15-minute rows of t02 removed behind the store's back (no write
      // marks their months) leave monthly_metrics as it was, while monthly_sums loses them.
      st.execute(
          "ALTER TABLE interval_metrics_local DELETE WHERE tenant_id = 't02'"
              + " SETTINGS mutations_sync = 2");
      assertThat(query(st, "SELECT count() FROM monthly_sums WHERE tenant_id = 't02'"))
          .containsExactly("0");
      assertThat(query(st, MONTHS)).isEqualTo(months);

      // A late correction of January (3 handled in 600 s at 03:00 UTC on 1 February, version 2)
      // shows at once, before any refresh; the store still has version 1 until the next.
      st.execute(row("t01", "2026-02-01 03:00:00", 3, 600_000, 3, 60_000, 2));
      List<String> corrected =
          List.of(
              "t01 t01.q 2026-01-01 2 5 800000 6 60000 160.0",
              "t01 t01.q 2026-02-01 1 4 400000 5 10000 100.0",
              "t01 t01.q 2026-03-01 1 1 60000 1 5000 60.0",
              "t02 t02.q 2026-01-01 1 1 100000 2 7000 100.0",
              "t02 t02.q 2026-02-01 1 3 900000 4 9000 300.0");
      assertThat(query(st, MONTHS)).isEqualTo(corrected);
      assertThat(query(st, STORED)).first().isEqualTo("t01 t01.q 2026-01-01 2 3 500000 4 50000");
      assertThat(
              query(
                  st,
                  "SELECT tenant_id, month FROM monthly_rollup_months WHERE NOT stored"
                      + " ORDER BY tenant_id, month"))
          .containsExactly("t01 2026-01-01");
      st.execute(REFRESH);
      assertThat(query(st, STORED)).first().isEqualTo("t01 t01.q 2026-01-01 2 5 800000 6 60000");
      assertThat(query(st, MONTHS)).isEqualTo(corrected);

      // The same version again (a retried batch) and an older one (a stale replay): no change,
      // before the refresh and after it.
      st.execute(row("t01", "2026-02-01 03:00:00", 3, 600_000, 3, 60_000, 2));
      st.execute(row("t01", "2026-02-01 03:00:00", 9, 900_000, 9, 90_000, 1));
      assertThat(query(st, MONTHS)).isEqualTo(corrected);
      st.execute(REFRESH);
      assertThat(query(st, MONTHS)).isEqualTo(corrected);

      // A correction that empties an interval (every figure 0 at version 3): its sums leave the
      // month, whose longest wait is then the other interval's; the interval's day still has a
      // row (days counts days with a row, as it did).
      st.execute(row("t01", "2026-02-01 03:00:00", 0, 0, 0, 0, 3));
      List<String> emptied =
          List.of(
              "t01 t01.q 2026-01-01 2 2 200000 3 20000 100.0",
              "t01 t01.q 2026-02-01 1 4 400000 5 10000 100.0",
              "t01 t01.q 2026-03-01 1 1 60000 1 5000 60.0",
              "t02 t02.q 2026-01-01 1 1 100000 2 7000 100.0",
              "t02 t02.q 2026-02-01 1 3 900000 4 9000 300.0");
      assertThat(query(st, MONTHS)).isEqualTo(emptied);
      st.execute(REFRESH);
      assertThat(query(st, MONTHS)).isEqualTo(emptied);

      // Rows written between two refreshes: one to a stored month, one to a new month.
      st.execute(row("t01", "2026-03-20 14:00:00", 1, 40_000, 2, 8_000, 1));
      st.execute(row("t01", "2026-04-01 04:00:00", 2, 100_000, 2, 1_000, 1)); // 1 April 00:00 EDT
      List<String> added =
          List.of(
              "t01 t01.q 2026-01-01 2 2 200000 3 20000 100.0",
              "t01 t01.q 2026-02-01 1 4 400000 5 10000 100.0",
              "t01 t01.q 2026-03-01 2 2 100000 3 8000 50.0",
              "t01 t01.q 2026-04-01 1 2 100000 2 1000 50.0",
              "t02 t02.q 2026-01-01 1 1 100000 2 7000 100.0",
              "t02 t02.q 2026-02-01 1 3 900000 4 9000 300.0");
      assertThat(query(st, MONTHS)).isEqualTo(added);
      st.execute(REFRESH);
      assertThat(query(st, MONTHS)).isEqualTo(added);
      assertThat(query(st, "SELECT count() FROM monthly_rollup_months WHERE NOT stored"))
          .containsExactly("0");
      // The store now equals the months summed from the 15-minute rows, for t01 whose rows are
      // all there: every column.
      assertThat(
              query(
                  st,
                  "SELECT * EXCEPT (refreshed_at, month_rows) FROM monthly_rollup FINAL"
                      + " WHERE tenant_id = 't01' ORDER BY ALL"))
          .isEqualTo(
              query(
                  st,
                  "SELECT tenant_id, entity_kind, month, entity_id, channel, * EXCEPT (tenant_id,"
                      + " entity_kind, month, entity_id, channel) FROM monthly_sums"
                      + " WHERE tenant_id = 't01' ORDER BY ALL"));
    }
  }

  @Test
  void aZoneChangedMovesTheStoredMonths() throws Exception {
    new Migrator(endpoint(), Map.of("monthly_rollup_margin_s", "0")).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      // In UTC, 03:00 on 1 February is February; stored so.
      st.execute(row("t01", "2026-02-01 03:00:00", 1, 300_000, 1, 50_000, 1));
      st.execute(REFRESH);
      assertThat(query(st, MONTHS))
          .containsExactly("t01 t01.q 2026-02-01 1 1 300000 1 50000 300.0");
      // In New York it is 31 January: January at once, and no February left, stored or not.
      TenantTimeZones.of(Map.of("t01", "America/New_York")).write(endpoint());
      assertThat(query(st, MONTHS))
          .containsExactly("t01 t01.q 2026-01-01 1 1 300000 1 50000 300.0");
      st.execute(REFRESH);
      assertThat(query(st, MONTHS))
          .containsExactly("t01 t01.q 2026-01-01 1 1 300000 1 50000 300.0");
      assertThat(query(st, STORED)).containsExactly("t01 t01.q 2026-01-01 1 1 300000 1 50000");
    }
  }

  @Test
  void rowsWrittenBeforeTheMigrationAreStoredByIt() throws Exception {
    new Migrator(
            endpoint(),
            Map.of(),
            Migrator.bundled().stream().filter(m -> m.version() < 40).toList())
        .migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      st.execute(row("t01", "2026-02-01 03:00:00", 1, 300_000, 1, 50_000, 1));
      new Migrator(endpoint(), Map.of()).migrate();
      assertThat(query(st, STORED)).containsExactly("t01 t01.q 2026-02-01 1 1 300000 1 50000");
      assertThat(query(st, "SELECT stored FROM monthly_rollup_months")).containsExactly("1");
    }
  }

  @Test
  void aMonthWrittenWithinTheMarginIsSummedFromItsRowsAndNotStoredYet() throws Exception {
    // An hour's margin: the month just written may have an insert in flight.
    new Migrator(endpoint(), Map.of("monthly_rollup_margin_s", "3600")).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      st.execute(row("t01", "2026-02-01 03:00:00", 1, 300_000, 1, 50_000, 1));
      st.execute(REFRESH);
      assertThat(query(st, STORED)).isEmpty();
      assertThat(query(st, MONTHS))
          .containsExactly("t01 t01.q 2026-02-01 1 1 300000 1 50000 300.0");
    }
  }

  @Test
  void aRefreshFoundIncompleteIsNotRead() throws Exception {
    new Migrator(endpoint(), Map.of("monthly_rollup_margin_s", "0")).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      st.execute(row("t01", "2026-02-01 03:00:00", 1, 300_000, 1, 50_000, 1));
      st.execute(REFRESH);
      // What a refresh cut short leaves: of the two rows it meant for the month, one, with other
      // figures (say, before a correction it read). Not read, and stored again by the next.
      st.execute(
          "INSERT INTO monthly_rollup (tenant_id, entity_kind, month, entity_id, channel, days,"
              + " handled, refreshed_at, month_rows) VALUES ('t01', 'QUEUE', '2026-02-01', 't01.q',"
              + " 'VOICE', 1, 7, now64(3), 2)");
      assertThat(query(st, "SELECT stored FROM monthly_rollup_months")).containsExactly("0");
      assertThat(query(st, MONTHS))
          .containsExactly("t01 t01.q 2026-02-01 1 1 300000 1 50000 300.0");
      st.execute(REFRESH);
      assertThat(query(st, "SELECT stored FROM monthly_rollup_months")).containsExactly("1");
      assertThat(query(st, STORED)).containsExactly("t01 t01.q 2026-02-01 1 1 300000 1 50000");
    }
  }

  @Test
  void theServerRefreshesOnDemand() throws Exception {
    new Migrator(endpoint(), Map.of("monthly_rollup_margin_s", "0")).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      st.execute("SYSTEM WAIT VIEW monthly_rollup_refresh"); // the refresh its creation started
      st.execute(row("t01", "2026-02-01 03:00:00", 1, 300_000, 1, 50_000, 1));
      assertThat(query(st, STORED)).isEmpty();
      st.execute("SYSTEM REFRESH VIEW monthly_rollup_refresh");
      st.execute("SYSTEM WAIT VIEW monthly_rollup_refresh");
      assertThat(query(st, STORED)).containsExactly("t01 t01.q 2026-02-01 1 1 300000 1 50000");
    }
  }

  @Test
  void theServerRefreshesOnItsOwn() throws Exception {
    // Every 2 seconds instead of every 5 minutes, so that the test can watch it.
    new Migrator(
            endpoint(),
            Map.of("monthly_rollup_margin_s", "0", "monthly_rollup_refresh_every", "2 SECOND"))
        .migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      st.execute(row("t01", "2026-02-01 03:00:00", 1, 300_000, 1, 50_000, 1));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (query(st, STORED).isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100); // the server's schedule, not ours: look again shortly
      }
      assertThat(query(st, STORED)).containsExactly("t01 t01.q 2026-02-01 1 1 300000 1 50000");
      assertThat(query(st, "SELECT stored FROM monthly_rollup_months")).containsExactly("1");
    }
  }
}
