package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.clickhouse.TenantTimeZones;
import io.ccpulse.infra.clickhouse.ChdbProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code make bench ARGS="--only rollups"}: a year of the large preset's 15-minute rows (10 tenants
 * in ten zones, 12 queues and 200 agents each, around the clock), generated in ClickHouse from
 * {@code numbers()} and written into interval_metrics as the job writes them (so through the
 * materialized view that fills interval_metrics_local), 1% of them corrected later with a higher
 * version; then the day, week and month queries an analyst runs, each timed over several runs, with
 * the old UTC daily view (interval_metrics FINAL on every query) beside them; the months stored by
 * a refresh first (V040), the last day then written again as the job writes the day in progress,
 * and the old monthly view (every month summed from the 15-minute rows) beside them. Prints
 * figures, asserts nothing.
 */
final class RollupsRun {
  /** Timing of one query over the runs, and what one run read (ClickHouse's own counters). */
  record Timing(String name, long rows, List<Double> millis, Read read) {}

  /**
   * What one run of a query read and cost, from the growth of system.events around it (the embedded
   * server keeps no query_log): parts, granules, rows and bytes selected, and the CPU time of the
   * query's threads. Unlike the wall time these do not depend on what else runs on the machine.
   */
  record Read(long parts, long marks, long rows, long bytes, long cpuMicros) {
    static final List<String> EVENTS =
        List.of(
            "SelectedParts",
            "SelectedMarks",
            "SelectedRows",
            "SelectedBytes",
            "OSCPUVirtualTimeMicroseconds");

    static Map<String, Long> counters(Statement st) throws SQLException {
      Map<String, Long> m = new HashMap<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT event, value FROM system.events WHERE event IN ('"
                  + String.join("', '", EVENTS)
                  + "')")) {
        while (rs.next()) {
          m.put(rs.getString(1), rs.getLong(2));
        }
      }
      return m;
    }

    static Read between(Map<String, Long> before, Map<String, Long> after) {
      long[] d = new long[EVENTS.size()];
      for (int i = 0; i < d.length; i++) {
        String e = EVENTS.get(i);
        d[i] = after.getOrDefault(e, 0L) - before.getOrDefault(e, 0L);
      }
      return new Read(d[0], d[1], d[2], d[3], d[4]);
    }
  }

  private static final Map<String, String> ZONES =
      Map.of(
          "t01", "America/New_York",
          "t02", "Europe/Berlin",
          "t03", "Asia/Kolkata",
          "t04", "Asia/Kathmandu",
          "t05", "Australia/Sydney",
          "t06", "America/Los_Angeles",
          "t07", "America/Sao_Paulo",
          "t08", "Asia/Tokyo",
          "t09", "Africa/Johannesburg",
          "t10", "UTC");

  static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");

  /** The large preset's rows of one day (see the generator): agents, queues, tenant channels. */
  static final long ROWS_PER_DAY = 10L * (110 + 60 * 2 + 30) * 34 + 10L * 12 * 96 + 10L * 4 * 96;

  private RollupsRun() {}

  static List<String> run(int days, int runs, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("ccpulse-bench-rollups");
    try (ChdbProcess clickhouse =
        ChdbProcess.builder().dataDir(dir.resolve("clickhouse")).port(0).start()) {
      ClickHouseEndpoint db =
          new ClickHouseEndpoint(clickhouse.jdbcUrl(), "bench_rollups", "default", Map.of());
      // No margin for inserts in flight: the benchmark refreshes the stored months itself, after
      // the inserts, and stops the server's own refreshes from running beside its timings.
      new Migrator(db, Map.of("interval_ttl_days", "3650", "monthly_rollup_margin_s", "0"))
          .migrate();
      TenantTimeZones.of(ZONES).write(db);
      try (Connection conn = db.open();
          Statement st = conn.createStatement()) {
        st.execute("SYSTEM STOP VIEW monthly_rollup_refresh");
        st.execute(RollupQueries.UTC_DAILY);
        st.execute(RollupQueries.nested("weekly_metrics", "week", "toMonday(day)"));
        st.execute(RollupQueries.nested("monthly_metrics", "month", "toStartOfMonth(day)"));
      }
      out.printf(
          "Rollups: generating %d days of the large preset's 15-minute rows (%,d a day) into %s...%n",
          days, ROWS_PER_DAY, clickhouse.httpUrl());
      long t0 = System.nanoTime();
      try (Connection conn = db.open();
          Statement st = conn.createStatement()) {
        for (int from = 0; from < days; from += 30) {
          int n = Math.min(30, days - from);
          for (String sql : RollupRows.inserts(from, n)) {
            st.execute(sql);
          }
          out.printf(
              "  days %d-%d written, %.0f s%n", from + 1, from + n, (System.nanoTime() - t0) / 1e9);
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long base = count(st, "SELECT count() FROM interval_metrics");
        long local = count(st, "SELECT count() FROM interval_metrics_local");
        long current = count(st, "SELECT count() FROM interval_metrics_local FINAL");
        long parts =
            count(
                st,
                "SELECT count() FROM system.parts WHERE active AND database = currentDatabase()"
                    + " AND table = 'interval_metrics_local'");
        out.printf(
            "Loaded in %.0f s: interval_metrics %,d rows, interval_metrics_local %,d rows (%,d current"
                + " intervals, %d active parts)%n",
            loadSeconds, base, local, current, parts);
        double refreshSeconds = refresh(st);
        String stored =
            String.format(
                "the first refresh stored %,d tenant months (%,d rows) in %.1f s",
                count(st, "SELECT countIf(stored) FROM monthly_rollup_months"),
                count(st, "SELECT count() FROM monthly_rollup"),
                refreshSeconds);
        st.execute(RollupRows.lastDayAgain(days));
        long written = count(st, "SELECT countIf(NOT stored) FROM monthly_rollup_months");
        out.printf(
            "Then %s; the last day written again: %d tenant months summed from the 15-minute"
                + " rows until the next refresh%n",
            stored, written);
        explain(st, days, out);
        List<String> table = new ArrayList<>();
        table.add("");
        table.add(
            String.format(
                "Rollups, %d days of the large preset's 15-minute rows: %,d rows written (%,d versions"
                    + " corrected), %,d current; load %.0f s; %s; the last day written again (%d"
                    + " tenant months from the 15-minute rows); %d runs per query, as loaded (%d"
                    + " parts)",
                days, base, base - current, current, loadSeconds, stored, written, runs, parts));
        table.addAll(timeQueries(st, runs, days, out));
        st.execute("OPTIMIZE TABLE interval_metrics_local FINAL");
        st.execute("OPTIMIZE TABLE monthly_rollup FINAL");
        parts =
            count(
                st,
                "SELECT count() FROM system.parts WHERE active AND database = currentDatabase()"
                    + " AND table = 'interval_metrics_local'");
        table.add("");
        table.add(
            String.format(
                "The same after OPTIMIZE TABLE interval_metrics_local FINAL (%d parts)", parts));
        table.addAll(timeQueries(st, runs, days, out));
        double again = refresh(st);
        table.add("");
        table.add(
            String.format(
                "Then a refresh of the %d tenant months written since the first: %.1f s (%d left"
                    + " summed from the 15-minute rows)",
                written,
                again,
                count(st, "SELECT countIf(NOT stored) FROM monthly_rollup_months")));
        return table;
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static List<String> timeQueries(Statement st, int runs, int days, PrintStream out)
      throws SQLException {
    List<Timing> timings = new ArrayList<>();
    for (RollupQueries.Query q : RollupQueries.all(FIRST_DAY, days)) {
      List<Double> millis = new ArrayList<>();
      long rows = 0;
      Read read = null;
      for (int i = 0; i < runs; i++) {
        Map<String, Long> before = Read.counters(st);
        long t = System.nanoTime();
        rows = 0;
        try (ResultSet rs = st.executeQuery(q.sql())) {
          while (rs.next()) {
            rows++;
          }
        }
        millis.add((System.nanoTime() - t) / 1e6);
        Read r = Read.between(before, Read.counters(st));
        read = read == null || r.cpuMicros() < read.cpuMicros() ? r : read;
      }
      Timing timing = new Timing(q.name(), rows, millis, read);
      timings.add(timing);
      out.printf(
          "  %s: %,d rows, %s ms; read %,d rows, %,d bytes%n",
          q.name(),
          rows,
          Figures.joined(millis, v -> String.format("%.0f", v)),
          read.rows(),
          read.bytes());
    }
    List<String> t = new ArrayList<>();
    t.add(
        "| query | rows | median ms | best ms | parts | granules | rows read | MB read | CPU ms |");
    t.add("|---|---|---|---|---|---|---|---|---|");
    for (Timing timing : timings) {
      Figures f = new Figures(timing.millis());
      Read r = timing.read();
      t.add(
          String.format(
              "| %s | %,d | %.0f | %.0f | %,d | %,d | %,d | %.1f | %.0f |",
              timing.name(),
              timing.rows(),
              f.median(),
              f.min(),
              r.parts(),
              r.marks(),
              r.rows(),
              r.bytes() / 1e6,
              r.cpuMicros() / 1e3));
    }
    return t;
  }

  /**
   * How ClickHouse reads two of the queries: the parts and granules its key selects, its pipeline.
   */
  private static void explain(Statement st, int days, PrintStream out) throws SQLException {
    for (RollupQueries.Query q : RollupQueries.all(FIRST_DAY, days)) {
      if (q.name().equals("week: 13 weeks, per queue")
          || q.name().equals("day: a month of days, per agent")) {
        for (String kind : List.of("indexes = 1", "PIPELINE")) {
          out.printf("EXPLAIN %s of %s:%n", kind, q.name());
          try (ResultSet rs = st.executeQuery("EXPLAIN " + kind + " " + q.sql())) {
            while (rs.next()) {
              out.println("    " + rs.getString(1));
            }
          }
        }
      }
    }
  }

  /** What the server's refresh does (monthly_rollup_refresh), run here; seconds it took. */
  private static double refresh(Statement st) throws SQLException {
    long t = System.nanoTime();
    st.execute("INSERT INTO monthly_rollup SELECT * FROM monthly_rollup_pending");
    return (System.nanoTime() - t) / 1e9;
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
