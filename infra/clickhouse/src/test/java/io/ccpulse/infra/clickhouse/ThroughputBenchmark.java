package io.ccpulse.infra.clickhouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Rows per second through the JDBC driver into the local ClickHouse, 10,000-row PreparedStatement
 * batches, a table shaped like the pipeline's. Not a test: run it when something changed and
 * compare.
 *
 * <pre>
 * mvn -pl infra/clickhouse test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.ccpulse.infra.clickhouse.ThroughputBenchmark [-Dbench.batches=50]
 * </pre>
 *
 * (Not -Dexec.args: it would also replace the arguments of this module's exec executions.)
 */
public final class ThroughputBenchmark {

  private static final int BATCH = 10_000;

  public static void main(String[] args) throws Exception {
    int batches =
        args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.batches", 30);
    Path dir = Files.createTempDirectory("ccpulse-clickhouse-bench");
    try (ChdbProcess server = ChdbProcess.builder().dataDir(dir.resolve("data")).port(0).start()) {
      for (String options : new String[] {"", "?compress=false", "?decompress=true"}) {
        String url = server.jdbcUrl("default") + options;
        try (Connection connection = DriverManager.getConnection(url)) {
          String table = "bench_" + Math.abs(options.hashCode());
          try (Statement statement = connection.createStatement()) {
            statement.execute(
                "CREATE TABLE "
                    + table
                    + " (id UInt64, at DateTime64(3, 'UTC'), queue LowCardinality(String), "
                    + "agent Nullable(String), duration_ms Int32, tags Array(String)) ENGINE = MergeTree ORDER BY (queue, id)");
          }
          insert(connection, table, 3); // warm-up: JIT on both sides
          long start = System.nanoTime();
          insert(connection, table, batches);
          double seconds = (System.nanoTime() - start) / 1e9;
          long read = System.nanoTime();
          long rows = readAll(connection, table);
          double readSeconds = (System.nanoTime() - read) / 1e9;
          System.out.printf(
              "%-18s insert %,9.0f rows/s (%d x %,d rows in %.2f s)   select * %,10.0f rows/s (%,d rows)%n",
              options.isEmpty() ? "default (LZ4 out)" : options,
              batches * (double) BATCH / seconds,
              batches,
              BATCH,
              seconds,
              rows / readSeconds,
              rows);
        }
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void insert(Connection connection, String table, int batches) throws SQLException {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int b = 0; b < batches; b++) {
        for (int i = 0; i < BATCH; i++) {
          long id = (long) b * BATCH + i;
          insert.setLong(1, id);
          insert.setObject(2, OffsetDateTime.ofInstant(base.plusMillis(id), ZoneOffset.UTC));
          insert.setString(3, "queue-" + (i % 12));
          insert.setString(4, i % 9 == 0 ? null : "agent-" + (i % 300));
          insert.setInt(5, i * 7 % 100_000);
          insert.setArray(6, connection.createArrayOf("String", new String[] {"tag" + (i % 3)}));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  private static long readAll(Connection connection, String table) throws SQLException {
    long rows = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
      while (rs.next()) {
        rs.getObject(2);
        rs.getString(4);
        rows++;
      }
    }
    return rows;
  }
}
