package io.ccpulse.pipeline.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccpulse.pipeline.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

/**
 * A row as a JSON object of its table's columns, for the dead letter: each column's value as its
 * declaration gives it, so every table renders the same way with no code of its own. A column whose
 * value cannot be had is left out, and the first such failure and the row's own text are added.
 */
final class RowText {
  private RowText() {}

  static <T> String of(OutputTable<T> table, T row) {
    ObjectNode json = Json.object();
    String failure = null;
    for (OutputTable.Column<T> column : table.columns()) {
      Object value;
      try {
        value = column.value(row);
      } catch (RuntimeException e) {
        failure = failure == null ? e.toString() : failure;
        continue;
      }
      put(json, column.name(), value);
    }
    if (failure != null) {
      json.put("_bind_failed", failure).put("_row", String.valueOf(row));
    }
    return Json.write(json);
  }

  /**
   * Numbers and booleans as themselves (NaN and infinities as text), bytes in base 64, the rest as
   * text.
   */
  private static void put(ObjectNode json, String column, Object v) {
    if (v == null) {
      json.putNull(column);
    } else if (v instanceof Double d && Double.isFinite(d)) {
      json.put(column, d);
    } else if (v instanceof Float f && Float.isFinite(f)) {
      json.put(column, f);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      json.put(column, ((Number) v).longValue());
    } else if (v instanceof BigDecimal d) {
      json.put(column, d);
    } else if (v instanceof BigInteger i) {
      json.put(column, i);
    } else if (v instanceof Boolean b) {
      json.put(column, b);
    } else if (v instanceof byte[] bytes) {
      json.put(column, Base64.getEncoder().encodeToString(bytes));
    } else {
      json.put(column, v.toString());
    }
  }
}
