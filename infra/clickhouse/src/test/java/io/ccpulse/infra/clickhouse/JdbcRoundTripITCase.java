package io.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The types the pipeline writes, through the real driver and back. */
class JdbcRoundTripITCase {

  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @Test
  void typesRoundTripExactly() throws SQLException {
    Instant t1 = Instant.parse("2026-03-01T12:34:56.789Z");
    Instant t2 = Instant.parse("1999-12-31T23:59:59.001Z");
    try (Connection connection = DriverManager.getConnection(CLICKHOUSE.jdbcUrl())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE calls (id UInt32, started DateTime64(3, 'UTC'), queue LowCardinality(String), "
                + "agent Nullable(String), wait_ms Nullable(Int64), tags Array(String)) ENGINE = MergeTree ORDER BY id");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setInt(1, 1);
        insert.setObject(2, OffsetDateTime.ofInstant(t1, ZoneOffset.UTC));
        insert.setString(3, "billing");
        insert.setString(4, "agent-7");
        insert.setLong(5, 1234L);
        insert.setArray(6, connection.createArrayOf("String", new String[] {"vip", "callback"}));
        insert.addBatch();
        insert.setInt(1, 2);
        insert.setObject(2, OffsetDateTime.ofInstant(t2, ZoneOffset.UTC));
        insert.setString(3, "support");
        insert.setNull(4, Types.VARCHAR);
        insert.setNull(5, Types.BIGINT);
        insert.setArray(6, connection.createArrayOf("String", new String[0]));
        insert.addBatch();
        assertThat(insert.executeBatch()).containsExactly(1, 1);
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT id, started, queue, agent, wait_ms, tags FROM calls ORDER BY id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(t1);
        assertThat(rs.getTimestamp(2).toInstant()).isEqualTo(t1);
        assertThat(rs.getString(3)).isEqualTo("billing");
        assertThat(rs.getString(4)).isEqualTo("agent-7");
        assertThat(rs.getLong(5)).isEqualTo(1234L);
        assertThat(strings(rs.getArray(6))).containsExactly("vip", "callback");

        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(t2);
        assertThat(rs.getString(3)).isEqualTo("support");
        assertThat(rs.getString(4)).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getObject(5)).isNull();
        assertThat(strings(rs.getArray(6))).isEmpty();
        assertThat(rs.next()).isFalse();
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT toTypeName(started), toTypeName(queue), timezone() FROM calls LIMIT 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("DateTime64(3, 'UTC')");
        assertThat(rs.getString(2)).isEqualTo("LowCardinality(String)");
        assertThat(rs.getString(3)).isEqualTo("UTC");
      }
    }
  }

  @Test
  void replacingMergeTreeFinalKeepsTheLatestVersionPerKey() throws SQLException {
    try (Connection connection = DriverManager.getConnection(CLICKHOUSE.jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE agent_state (agent String, state String, version UInt64) "
              + "ENGINE = ReplacingMergeTree(version) ORDER BY agent");
      // Separate inserts make separate parts, so FINAL has to do the replacing at query time.
      statement.executeUpdate(
          "INSERT INTO agent_state VALUES ('a1', 'idle', 1), ('a2', 'talking', 1)");
      statement.executeUpdate(
          "INSERT INTO agent_state VALUES ('a1', 'talking', 3), ('a2', 'wrapup', 2)");
      statement.executeUpdate("INSERT INTO agent_state VALUES ('a1', 'stale', 2)");

      List<String> rows = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT agent, state, version FROM agent_state FINAL ORDER BY agent")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "=" + rs.getString(2) + "@" + rs.getLong(3));
        }
      }
      assertThat(rows).containsExactly("a1=talking@3", "a2=wrapup@2");
      try (ResultSet rs = statement.executeQuery("SELECT count() FROM agent_state")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(5); // without FINAL, all versions are still there
      }
    }
  }

  @Test
  void serverUrlWithoutDatabaseUsesDefault() throws SQLException {
    assertThat(CLICKHOUSE.jdbcUrl())
        .isEqualTo(CLICKHOUSE.serverJdbcUrl() + "/" + CLICKHOUSE.database());
    try (Connection connection = DriverManager.getConnection(CLICKHOUSE.serverJdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT currentDatabase()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("default");
    }
  }

  @Test
  void driverConnectQueriesWork() throws SQLException {
    try (Connection connection = DriverManager.getConnection(CLICKHOUSE.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT version(), timezone(), currentUser(), currentDatabase()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith("26.");
      assertThat(rs.getString(2)).isEqualTo("UTC");
      assertThat(rs.getString(3)).isNotEmpty();
      assertThat(rs.getString(4)).isEqualTo(CLICKHOUSE.database());
      assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("26.");
      statement.execute("CREATE TABLE listed (a UInt8) ENGINE = MergeTree ORDER BY a");
      try (ResultSet tables =
          connection.getMetaData().getTables(null, CLICKHOUSE.database(), "%", null)) {
        List<String> names = new ArrayList<>();
        while (tables.next()) {
          names.add(tables.getString("TABLE_NAME"));
        }
        assertThat(names).contains("listed");
      }
      try (ResultSet columns =
          connection.getMetaData().getColumns(null, CLICKHOUSE.database(), "listed", "%")) {
        assertThat(columns.next()).isTrue();
        assertThat(columns.getString("COLUMN_NAME")).isEqualTo("a");
      }
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    List<String> values = new ArrayList<>();
    for (Object value : (Object[]) array.getArray()) {
      values.add((String) value);
    }
    return values;
  }
}
