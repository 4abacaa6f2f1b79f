package io.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A PreparedStatement batch the size the pipeline's sink writes, read back value by value. */
class BatchInsertITCase {

  private static final int ROWS = 10_000;
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  // An instance field: a database per test method.
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  @Test
  void tenThousandRowBatchIsStoredExactly() throws SQLException {
    check(clickhouse.jdbcUrl());
  }

  /** decompress=1: the driver compresses the request body with ClickHouse's LZ4 framing. */
  @Test
  void compressedRequestBodies() throws SQLException {
    check(clickhouse.jdbcUrl() + "?decompress=true");
  }

  private void check(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE events (id UInt64, at DateTime64(3, 'UTC'), queue LowCardinality(String), "
                + "agent Nullable(String), duration_ms Int32, score Float64) ENGINE = MergeTree ORDER BY id");
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO events (id, at, queue, agent, duration_ms, score) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          insert.setLong(1, i);
          insert.setObject(2, OffsetDateTime.ofInstant(at(i), ZoneOffset.UTC));
          insert.setString(3, queue(i));
          insert.setString(4, agent(i));
          insert.setInt(5, duration(i));
          insert.setDouble(6, score(i));
          insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        assertThat(counts).hasSize(ROWS);
        assertThat(Arrays.stream(counts).allMatch(c -> c == 1))
            .as("every row reported as 1 row inserted")
            .isTrue();
      }
      int seen = 0;
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT id, at, queue, agent, duration_ms, score FROM events ORDER BY id")) {
        while (rs.next()) {
          int i = seen++;
          assertThat(rs.getLong(1)).isEqualTo(i);
          assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(at(i));
          assertThat(rs.getString(3)).isEqualTo(queue(i));
          assertThat(rs.getString(4)).isEqualTo(agent(i));
          assertThat(rs.getInt(5)).isEqualTo(duration(i));
          assertThat(rs.getDouble(6)).isEqualTo(score(i));
        }
      }
      assertThat(seen).isEqualTo(ROWS);
    }
  }

  private static Instant at(int i) {
    return BASE.plusMillis(i * 1_001L);
  }

  private static String queue(int i) {
    return "queue-" + (i % 7);
  }

  private static String agent(int i) {
    return i % 5 == 0 ? null : "agent-" + i + (i % 3 == 0 ? " 'quoted' \\ back" : "");
  }

  private static int duration(int i) {
    return i % 2 == 0 ? i * 13 : -i;
  }

  /**
   * Exactly representable values: the driver sends doubles as VALUES text, and ClickHouse's default
   * (fast) float parser may be 1 ulp off for others, e.g. 20/7.0; a real server does the same
   * (setting precise_float_parsing=1 avoids it).
   */
  private static double score(int i) {
    return i / 8.0 - 100;
  }
}
