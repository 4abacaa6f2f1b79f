package io.ccpulse.local.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's result, its values as a page shows them: times as epoch milliseconds (UTC), numbers as
 * doubles (NULL and NaN as null), the rest as text.
 */
record Rows(List<String> columns, List<Kind> kinds, List<List<Object>> values) {
  enum Kind {
    TIME,
    NUMBER,
    TEXT
  }

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  static Rows query(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      List<Kind> kinds = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i));
        kinds.add(kind(md.getColumnType(i)));
      }
      List<List<Object>> values = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          row.add(value(rs, i, kinds.get(i - 1)));
        }
        values.add(row);
      }
      return new Rows(columns, kinds, values);
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + "\n  in: " + sql, e);
    }
  }

  int column(String name) {
    return columns.indexOf(name);
  }

  /** A cell as a table shows it. */
  static String text(Object v, Kind kind) {
    if (v == null || (kind == Kind.TIME && (Long) v == 0)) {
      return ""; // max() of no rows is the epoch
    }
    return switch (kind) {
      case TIME -> SHOWN.format(Instant.ofEpochMilli((Long) v));
      case NUMBER -> BigDecimal.valueOf((Double) v).stripTrailingZeros().toPlainString();
      case TEXT -> v.toString();
    };
  }

  private static Kind kind(int type) {
    return switch (type) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE -> Kind.TIME;
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.FLOAT,
          Types.REAL,
          Types.DOUBLE,
          Types.DECIMAL,
          Types.NUMERIC ->
          Kind.NUMBER;
      default -> Kind.TEXT;
    };
  }

  private static Object value(ResultSet rs, int i, Kind kind) throws SQLException {
    Object o = rs.getObject(i);
    if (o == null) {
      return null;
    }
    switch (kind) {
      case TIME:
        return epochMillis(o);
      case NUMBER:
        double d = ((Number) o).doubleValue();
        return Double.isFinite(d) ? d : null;
      default:
        return o.toString();
    }
  }

  private static long epochMillis(Object o) {
    if (o instanceof ZonedDateTime z) {
      return z.toInstant().toEpochMilli();
    } else if (o instanceof OffsetDateTime z) {
      return z.toInstant().toEpochMilli();
    } else if (o instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli(); // the local ClickHouse runs in UTC
    } else if (o instanceof Timestamp t) {
      return t.toInstant().toEpochMilli();
    } else if (o instanceof Instant t) {
      return t.toEpochMilli();
    } else if (o instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    throw new IllegalArgumentException("not a time: " + o.getClass().getName() + " " + o);
  }
}
