package io.ccpulse.pipeline.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccpulse.pipeline.json.Json;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;

/**
 * A row as a JSON object of its table's columns, for the dead letter: the values the table's own
 * {@code bind} sets, recorded as it sets them, so every table renders the same way with no code of
 * its own. A bind that throws part-way leaves the columns it had not reached out.
 */
final class RowText {
  private RowText() {}

  static <T> String of(ClickHouseTable<T> table, T row) {
    List<String> columns = table.columns();
    Object[] values = new Object[columns.size()];
    boolean[] set = new boolean[columns.size()];
    PreparedStatement recorder =
        (PreparedStatement)
            Proxy.newProxyInstance(
                RowText.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                  // setString(1, v), setNull(1, type), setObject(1, v): the first argument is the
                  // column's index.
                  if (method.getName().startsWith("set")
                      && args != null
                      && args.length >= 2
                      && args[0] instanceof Integer i
                      && i >= 1
                      && i <= values.length) {
                    values[i - 1] = method.getName().equals("setNull") ? null : args[1];
                    set[i - 1] = true;
                  }
                  return null;
                });
    String failure = null;
    try {
      table.bind(recorder, row);
    } catch (Exception e) {
      failure = e.toString();
    }
    ObjectNode json = Json.object();
    for (int i = 0; i < columns.size(); i++) {
      if (set[i]) {
        put(json, columns.get(i), values[i]);
      }
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
