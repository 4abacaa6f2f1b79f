package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.json.JsonText;
import java.lang.reflect.Proxy;
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
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < columns.size(); i++) {
      if (set[i]) {
        json.append(json.length() > 1 ? "," : "")
            .append(JsonText.quote(columns.get(i)))
            .append(':')
            .append(value(values[i]));
      }
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
