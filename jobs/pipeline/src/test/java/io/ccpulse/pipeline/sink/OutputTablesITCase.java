package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every declaration in {@link OutputTables} against the table the migrations make: the same
 * columns, in the same order, of the same types. The sink writes values in the declared types, so a
 * declaration that drifted from its migration would be refused (or worse, misread).
 */
class OutputTablesITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  @Test
  void everyDeclarationMatchesItsMigratedTable() throws Exception {
    ClickHouseEndpoint endpoint =
        new ClickHouseEndpoint(
            clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
    new Migrator(endpoint, Map.of()).migrate();
    List<OutputTable<?>> declared = declarations();
    assertThat(declared).hasSizeGreaterThanOrEqualTo(10);
    try (Connection conn = endpoint.open();
        PreparedStatement columns =
            conn.prepareStatement(
                "SELECT name, type FROM system.columns"
                    + " WHERE database = currentDatabase() AND table = ? ORDER BY position")) {
      for (OutputTable<?> table : declared) {
        List<String> expected = new ArrayList<>();
        for (OutputTable.Column<?> c : table.columns()) {
          expected.add(c.name() + " " + c.type());
        }
        List<String> actual = new ArrayList<>();
        columns.setString(1, table.name());
        try (ResultSet rs = columns.executeQuery()) {
          while (rs.next()) {
            actual.add(rs.getString(1) + " " + rs.getString(2));
          }
        }
        assertThat(expected).as(table.name()).isEqualTo(actual);
      }
    }
  }

  /** The constants of {@link OutputTables}, so a new declaration is checked without a list. */
  static List<OutputTable<?>> declarations() throws IllegalAccessException {
    List<OutputTable<?>> tables = new ArrayList<>();
    for (Field f : OutputTables.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == OutputTable.class) {
        f.setAccessible(true);
        tables.add((OutputTable<?>) f.get(null));
      }
    }
    return tables;
  }
}
