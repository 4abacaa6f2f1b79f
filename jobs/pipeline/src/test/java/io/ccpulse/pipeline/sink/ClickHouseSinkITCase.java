package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ChdbProcess;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's writer against the embedded ClickHouse: batching, timed flushes, classified failures.
 */
class ClickHouseSinkITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  /** A value the table's constraint refuses: ClickHouse refuses the row as data. */
  static final long REFUSED = 999_999;

  /**
   * A two-column table, to exercise the writer alone. A value of {@link #REFUSED} is refused by
   * ClickHouse; -2 cannot be had at all.
   */
  static OutputTable<long[]> pairs(String name) {
    return OutputTable.<long[]>named(name)
        .uint64("id", row -> row[0])
        .uint64(
            "value",
            row -> {
              if (row[1] == -2) {
                throw new IllegalStateException("no value for row " + row[0]);
              }
              return row[1];
            })
        .build();
  }

  private static final String PAIRS =
      "CREATE TABLE pairs (id UInt64, value UInt64, CONSTRAINT known CHECK value != "
          + REFUSED
          + ") ENGINE = MergeTree ORDER BY id";

  private ClickHouseEndpoint endpoint;
  private final TestProcessingTimeService time = new TestProcessingTimeService();

  @BeforeEach
  void createTable() throws Exception {
    endpoint =
        new ClickHouseEndpoint(
            clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      st.execute(PAIRS);
    }
    new Migrator(endpoint, Map.of()).migrate(); // sink_rejections, the dead letter
  }

  private ClickHouseWriter<long[]> writer(
      ClickHouseEndpoint target, String table, int batchSize, int maxRetries) {
    return new ClickHouseWriter<>(
        target,
        pairs(table),
        new SinkSettings(
            batchSize,
            Duration.ofSeconds(2),
            maxRetries,
            Duration.ofMillis(10),
            Duration.ofMillis(200)),
        time,
        new UnregisteredMetricsGroup());
  }

  private long rows() throws SQLException {
    return Long.parseLong(query(endpoint, "SELECT count() FROM pairs"));
  }

  /** The first column of the result, rows joined by newlines. */
  private static String query(ClickHouseEndpoint at, String sql) throws SQLException {
    try (Connection conn = at.open();
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(out.length() > 0 ? "\n" : "").append(rs.getString(1));
      }
      return out.toString();
    }
  }

  /** Rows of (id, event time) in a table whose TTL keeps 30 days of event time. */
  static final OutputTable<long[]> AGED =
      OutputTable.<long[]>named("aged")
          .uint64("id", row -> row[0])
          .time("at", row -> row[1])
          .retainedBy(row -> row[1])
          .build();

  @Test
  void rowsTheTtlDeletesAsTheyAreWrittenAreCounted() throws Exception {
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      st.execute(
          "CREATE TABLE aged (id UInt64, at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id"
              + " TTL toDateTime(at) + INTERVAL 30 DAY");
    }
    Map<String, org.apache.flink.metrics.Counter> counters = new java.util.HashMap<>();
    UnregisteredMetricsGroup metrics =
        new UnregisteredMetricsGroup() {
          @Override
          public org.apache.flink.metrics.Counter counter(String name) {
            return counters.computeIfAbsent(
                name, n -> new org.apache.flink.metrics.SimpleCounter());
          }
        };
    long now = System.currentTimeMillis();
    long day = Duration.ofDays(1).toMillis();
    try (ClickHouseWriter<long[]> writer =
        new ClickHouseWriter<>(
            endpoint,
            AGED,
            new SinkSettings(
                1000, Duration.ofSeconds(2), 0, Duration.ofMillis(10), Duration.ofMillis(200)),
            time,
            metrics)) {
      writer.write(new long[] {1, now - day}, null); // kept
      writer.write(new long[] {2, now - 31 * day}, null); // deleted at once
      writer.write(new long[] {3, now - 400 * day}, null); // deleted at once
      writer.flush(false);
    }
    assertThat(counters.get(ClickHouseSink.EXPIRED_ON_WRITE).getCount()).isEqualTo(2);
    assertThat(counters.get("rowsWritten").getCount()).isEqualTo(3);
  }

  @Test
  void refusedAndUnbindableRowsGoToTheDeadLetterAndTheRestIsWritten() throws Exception {
    try (ClickHouseWriter<long[]> writer = writer(endpoint, "pairs", 1000, 0)) {
      for (long i = 0; i < 100; i++) {
        writer.write(new long[] {i, i == 17 || i == 60 ? REFUSED : i == 42 ? -2 : i}, null);
      }
      writer.flush(false);
    }
    assertThat(rows()).isEqualTo(97);
    assertThat(query(endpoint, "SELECT sum(id) FROM pairs"))
        .isEqualTo(Long.toString(99 * 100 / 2 - 17 - 42 - 60));
    assertThat(
            query(
                    endpoint,
                    "SELECT concat(table_name, ' ', toString(error_code), ' ', row)"
                        + " FROM sink_rejections FINAL ORDER BY row")
                .split("\n"))
        .satisfiesExactly(
            r ->
                assertThat(r)
                    .startsWith("pairs ")
                    .endsWith(" {\"id\":17,\"value\":" + REFUSED + "}")
                    .doesNotContain("pairs 0 "),
            r ->
                assertThat(r)
                    .startsWith(
                        "pairs 0 {\"id\":42,\"_bind_failed\":\"java.lang.IllegalStateException: no value for row 42\""),
            r ->
                assertThat(r)
                    .startsWith("pairs ")
                    .endsWith(" {\"id\":60,\"value\":" + REFUSED + "}"));
    assertThat(
            query(
                endpoint, "SELECT error FROM sink_rejections FINAL WHERE row LIKE '%\"id\":17,%'"))
        .isNotBlank();
  }

  @Test
  void waitsOutAClickHouseOutageAndLosesNothing(@TempDir Path dir) throws Exception {
    // A ClickHouse of this test's own, killed for real (SIGKILL) and started again on its port and
    // data.
    ChdbProcess server =
        ChdbProcess.builder()
            .dataDir(dir.resolve("data"))
            .port(0)
            .logFile(dir.resolve("server.log"))
            .start();
    int port = server.port();
    ClickHouseEndpoint own =
        new ClickHouseEndpoint(server.jdbcUrl(), "outage", "default", Map.of());
    try (Connection conn = own.openServer();
        Statement st = conn.createStatement()) {
      st.execute("CREATE DATABASE outage");
    }
    try (Connection conn = own.open();
        Statement st = conn.createStatement()) {
      st.execute(PAIRS);
    }
    try (ClickHouseWriter<long[]> writer =
        new ClickHouseWriter<>(
            own,
            pairs("pairs"),
            new SinkSettings(
                10, Duration.ofSeconds(2), -1, Duration.ofMillis(50), Duration.ofMillis(500)),
            time,
            new UnregisteredMetricsGroup())) {
      for (long i = 0; i < 10; i++) {
        writer.write(new long[] {i, i}, null);
      }
      ProcessHandle.of(server.pid()).orElseThrow().destroyForcibly();
      server.close();
      var during =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  for (long i = 10; i < 25; i++) {
                    writer.write(new long[] {i, i}, null);
                  }
                  writer.flush(false);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(3_000); // several retries against nobody
      assertThat(during).isNotDone();
      server =
          ChdbProcess.builder()
              .dataDir(dir.resolve("data"))
              .port(port)
              .logFile(dir.resolve("server.log"))
              .start();
      during.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      server.close();
    }
    // Rows and their checksum against a fresh server on the same data: each row once.
    try (ChdbProcess again =
        ChdbProcess.builder()
            .dataDir(dir.resolve("data"))
            .port(0)
            .logFile(dir.resolve("server.log"))
            .start()) {
      ClickHouseEndpoint reopened =
          new ClickHouseEndpoint(again.jdbcUrl(), "outage", "default", Map.of());
      assertThat(
              query(
                  reopened,
                  "SELECT concat(toString(count()), ' ', toString(uniqExact(id)), ' ', toString(sum(id))) FROM pairs"))
          .isEqualTo("25 25 300");
    }
  }

  @Test
  void noticesAHungServerWithinTheSocketTimeoutAndCarriesOnWhenItAnswers() throws Exception {
    // The shared server stopped with SIGSTOP: connections are accepted by the kernel, nothing
    // answers.
    ClickHouseEndpoint impatient =
        new ClickHouseEndpoint(
            clickhouse.serverJdbcUrl(),
            clickhouse.database(),
            "default",
            Map.of("socket_timeout", "1500", "connection_timeout", "1500"));
    long pid = clickhouse.server().pid();
    try (ClickHouseWriter<long[]> writer =
        new ClickHouseWriter<>(
            impatient,
            pairs("pairs"),
            new SinkSettings(
                1000, Duration.ofSeconds(2), -1, Duration.ofMillis(50), Duration.ofMillis(200)),
            time,
            new UnregisteredMetricsGroup())) {
      writer.write(new long[] {1, 1}, null);
      signal("STOP", pid);
      long t0 = System.nanoTime();
      var flushing =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  writer.flush(false);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try {
        Thread.sleep(4_000);
        assertThat(flushing).isNotDone();
      } finally {
        signal("CONT", pid);
      }
      flushing.get(60, java.util.concurrent.TimeUnit.SECONDS);
      System.out.printf(
          "hung server: flushed %.1f s after the stop%n", (System.nanoTime() - t0) / 1e9);
    }
    assertThat(rows())
        .isGreaterThanOrEqualTo(1); // a timed-out INSERT may have landed too: MergeTree keeps both
    assertThat(query(endpoint, "SELECT uniqExact(id) FROM pairs")).isEqualTo("1");
  }

  private static void signal(String name, long pid) throws Exception {
    assertThat(
            new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                .inheritIO()
                .start()
                .waitFor())
        .isZero();
  }

  @Test
  void insertsFullBatchesAtOnceAndTheRestAtFlush() throws Exception {
    try (ClickHouseWriter<long[]> writer = writer(endpoint, "pairs", 3, 0)) {
      for (long i = 0; i < 7; i++) {
        writer.write(new long[] {i, i * 10}, null);
      }
      assertThat(rows()).isEqualTo(6);
      writer.flush(false); // what a checkpoint does
      assertThat(rows()).isEqualTo(7);
    }
  }

  @Test
  void insertsAPartialBatchAtTheNextMultipleOfItsFlushIntervalOnTheClock() throws Exception {
    try (ClickHouseWriter<long[]> writer = writer(endpoint, "pairs", 1000, 0)) {
      time.setCurrentTime(1_765_000_000_500L); // 500 ms past a multiple of the 2 s interval
      writer.write(new long[] {1, 1}, null);
      time.setCurrentTime(1_765_000_001_999L);
      assertThat(rows()).isZero();
      time.setCurrentTime(1_765_000_002_000L); // 1.5 s after its first row
      assertThat(rows()).isEqualTo(1);

      writer.write(new long[] {2, 2}, null); // on a multiple: it waits the whole interval
      time.setCurrentTime(1_765_000_003_999L);
      assertThat(rows()).isEqualTo(1);
      time.setCurrentTime(1_765_000_004_000L);
      assertThat(rows()).isEqualTo(2);
    }
  }

  @Test
  void aLiveTablesRowsFarBehindTheClockWaitForTheCatchUpInterval() throws Exception {
    // (id, the moment the row tells of) in a table read live: 2 s batches, 30 s in a catch-up
    // (SinkSettingsTest.LIVE).
    OutputTable<long[]> live =
        OutputTable.<long[]>named("pairs")
            .uint64("id", row -> row[0])
            .uint64("value", row -> row[1])
            .readLive(row -> row[1])
            .build();
    SinkSettings settings = SinkSettingsTest.LIVE;
    long t0 = 1_765_000_000_000L;
    try (ClickHouseWriter<long[]> writer =
        new ClickHouseWriter<>(endpoint, live, settings, time, new UnregisteredMetricsGroup())) {
      time.setCurrentTime(t0 + 500);
      writer.write(new long[] {1, t0 - Duration.ofDays(300).toMillis()}, null); // a replay's
      time.setCurrentTime(t0 + 2_000);
      assertThat(rows()).as("a replay's batch waits").isZero();
      time.setCurrentTime(t0 + 30_499);
      assertThat(rows()).isZero();
      time.setCurrentTime(t0 + 30_500); // 30 s after its first row
      assertThat(rows()).isEqualTo(1);

      writer.write(new long[] {2, t0 + 30_000}, null); // caught up: live again
      time.setCurrentTime(t0 + 32_000);
      assertThat(rows()).as("a live row goes on time").isEqualTo(2);
    }
  }

  @Test
  void failsAtOnceOnAFatalErrorWithClickHousesCode() {
    ClickHouseWriter<long[]> writer = writer(endpoint, "no_such_table", 10, 5);
    assertThatThrownBy(
            () -> {
              writer.write(new long[] {1, 1}, null);
              writer.flush(false);
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "INSERT of 1 rows into "
                + endpoint.database()
                + ".no_such_table failed (FATAL, ClickHouse code 60, attempt 1 of 6)");
  }

  @Test
  void retriesAnUnreachableServerABoundedNumberOfTimesThenFails() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ClickHouseEndpoint nowhere =
        new ClickHouseEndpoint(
            "jdbc:clickhouse://127.0.0.1:" + closedPort, "db", "default", Map.of());
    ClickHouseWriter<long[]> writer = writer(nowhere, "pairs", 10, 2);
    assertThatThrownBy(
            () -> {
              writer.write(new long[] {1, 1}, null);
              writer.flush(false);
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("(RETRIABLE, ClickHouse code 0, attempt 3 of 3)");
  }
}
