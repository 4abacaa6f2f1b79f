package io.ccpulse.pipeline.sink;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** How rows of one type land in one ClickHouse table: its columns and how a row binds to them. */
public interface ClickHouseTable<T> extends Serializable {
  String name();

  List<String> columns();

  /**
   * The event time the table's TTL counts from for this row (epoch ms), to notice rows the TTL
   * deletes as they are written; {@link Long#MIN_VALUE} where the TTL counts from something else
   * (processing time) or there is none.
   */
  default long retainedBy(T row) {
    return Long.MIN_VALUE;
  }

  /** Sets parameters 1..columns().size() of the INSERT from the row. */
  void bind(PreparedStatement insert, T row) throws SQLException;

  /** A figure that may be missing (NaN: too little to judge, no base) binds as NULL. */
  static void setNullable(PreparedStatement insert, int index, double value) throws SQLException {
    if (Double.isNaN(value)) {
      insert.setNull(index, java.sql.Types.DOUBLE);
    } else {
      insert.setDouble(index, value);
    }
  }

  default String insertSql() {
    String cols = String.join(", ", columns());
    String marks = String.join(", ", java.util.Collections.nCopies(columns().size(), "?"));
    return "INSERT INTO " + name() + " (" + cols + ") VALUES (" + marks + ")";
  }
}
