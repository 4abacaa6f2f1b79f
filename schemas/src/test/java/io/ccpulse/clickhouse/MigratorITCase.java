package io.ccpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bundled migrations against the embedded ClickHouse, through JDBC. */
class MigratorITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  private ClickHouseEndpoint endpoint() {
    return new ClickHouseEndpoint(
        clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
  }

  @Test
  void appliesEveryMigrationOnceAndRecordsIt() throws Exception {
    Migrator.Report first = new Migrator(endpoint(), Map.of()).migrate();
    assertThat(first.applied()).hasSameSizeAs(Migrator.bundled());
    assertThat(first.alreadyApplied()).isEmpty();

    Migrator.Report second = new Migrator(endpoint(), Map.of()).migrate();
    assertThat(second.applied()).isEmpty();
    assertThat(second.alreadyApplied()).hasSameSizeAs(Migrator.bundled());

    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables)
          .contains(
              "schema_migrations",
              "rejected_events",
              "interval_metrics",
              "interval_metrics_current",
              "daily_metrics",
              "contact_facts",
              "repeat_contacts",
              "agent_time",
              "agent_time_current",
              "ingest_counts",
              "burnout_assessments",
              "burnout_latest",
              "burnout_level_changes");
      try (ResultSet rs = st.executeQuery("SELECT count(), min(version) FROM schema_migrations")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(Migrator.bundled().size());
        assertThat(rs.getInt(2)).isEqualTo(1);
      }
    }
  }

  @Test
  void setsPlaceholdersFromOverrides() throws Exception {
    new Migrator(endpoint(), Map.of("rejected_events_ttl_days", "7")).migrate();
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT create_table_query FROM system.tables "
                    + "WHERE database = currentDatabase() AND name = 'rejected_events'")) {
      rs.next();
      assertThat(rs.getString(1)).contains("toIntervalDay(7)");
    }
  }

  @Test
  void refusesAnAppliedMigrationWhoseFileChanged() throws Exception {
    List<Migrator.Migration> original =
        List.of(
            new Migrator.Migration(
                1, "t", "CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory", "aaa"));
    new Migrator(endpoint(), Map.of(), original).migrate();
    List<Migrator.Migration> edited =
        List.of(
            new Migrator.Migration(
                1, "t", "CREATE TABLE IF NOT EXISTS t (x UInt16) ENGINE = Memory", "bbb"));
    assertThatThrownBy(() -> new Migrator(endpoint(), Map.of(), edited).migrate())
        .hasMessageContaining("V001__t was applied with checksum aaa but the file now has bbb");
  }

  @Test
  void reportsAFailingStatementWithTheMigrationAndClickHousesCode() {
    List<Migrator.Migration> broken =
        List.of(
            new Migrator.Migration(
                1, "broken", "CREATE TABLE oops (x NoSuchType) ENGINE = Memory", "c"));
    assertThatThrownBy(() -> new Migrator(endpoint(), Map.of(), broken).migrate())
        .isInstanceOf(java.sql.SQLException.class)
        .hasMessageContaining("Migration V001__broken failed")
        .satisfies(
            e ->
                assertThat(((java.sql.SQLException) e).getErrorCode())
                    .isEqualTo(50)); // UNKNOWN_TYPE
  }
}
