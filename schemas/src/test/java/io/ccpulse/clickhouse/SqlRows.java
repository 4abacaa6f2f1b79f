package io.ccpulse.clickhouse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A query's rows as the tests compare them: each row its columns' text joined by spaces. */
final class SqlRows {
  private SqlRows() {}

  static List<String> query(Statement st, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= n; c++) {
          row.append(c == 1 ? "" : " ").append(rs.getString(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
