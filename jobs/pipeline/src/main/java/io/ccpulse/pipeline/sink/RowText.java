package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.json.JsonText;
import java.util.Base64;

/**
 * A row as a JSON object of its table's columns, for the dead letter: each column's value as its
 * declaration gives it, so every table renders the same way with no code of its own. A column whose
 * value cannot be had is left out, and the first such failure and the row's own text are added.
 */
final class RowText {
  private RowText() {}

  static <T> String of(OutputTable<T> table, T row) {
    StringBuilder json = new StringBuilder("{");
    String failure = null;
    for (OutputTable.Column<T> column : table.columns()) {
      Object value;
      try {
        value = column.value(row);
      } catch (RuntimeException e) {
        failure = failure == null ? e.toString() : failure;
        continue;
      }
      json.append(json.length() > 1 ? "," : "")
          .append(JsonText.quote(column.name()))
          .append(':')
          .append(value(value));
    }
    if (failure != null) {
      json.append(json.length() > 1 ? "," : "")
          .append("\"_bind_failed\":")
          .append(JsonText.quote(failure))
          .append(",\"_row\":")
          .append(JsonText.quote(String.valueOf(row)));
    }
    return json.append('}').toString();
  }

  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number n && !(v instanceof Double d && !Double.isFinite(d))) {
      return n.toString();
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof byte[] bytes) {
      return JsonText.quote(Base64.getEncoder().encodeToString(bytes));
    }
    return JsonText.quote(v.toString());
  }
}
