package io.ccpulse.local;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as an aligned text table, numbers to the right. */
final class TextTable {
  private TextTable() {}

  static void print(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    boolean[] numeric = new boolean[n];
    for (int i = 0; i < n; i++) {
      header[i] = meta.getColumnLabel(i + 1);
      numeric[i] = true;
    }
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        String v = rs.getString(i + 1);
        row[i] = v == null ? "-" : v;
        if (v != null && !v.matches("-?[0-9.,%]+")) {
          numeric[i] = false;
        }
      }
      rows.add(row);
    }
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = header[i].length();
      for (String[] row : rows) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    printRow(header, width, new boolean[n], out);
    StringBuilder rule = new StringBuilder("  ");
    for (int i = 0; i < n; i++) {
      rule.append("-".repeat(width[i])).append(i + 1 < n ? "  " : "");
    }
    out.println(rule);
    for (String[] row : rows) {
      printRow(row, width, numeric, out);
    }
    if (rows.isEmpty()) {
      out.println("  (no rows)");
    }
  }

  private static void printRow(String[] cells, int[] width, boolean[] right, PrintStream out) {
    StringBuilder line = new StringBuilder("  ");
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(width[i] - cells[i].length());
      line.append(right[i] ? pad + cells[i] : cells[i] + pad)
          .append(i + 1 < cells.length ? "  " : "");
    }
    out.println(line.toString().stripTrailing());
  }
}
