package io.ccpulse.pipeline.sink;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One output table, declared once: its name and its columns, each with its ClickHouse type (as in
 * the migration) and how a row gives its value. The ClickHouse sink and the tests' sink are both
 * made from it, so adding a table is its declaration in {@link OutputTables} and a migration.
 */
public final class OutputTable<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<Column<T>> columns;
  private final LongOf<T> retainedBy;
  private final LongOf<T> liveAt;

  private OutputTable(
      String name, List<Column<T>> columns, LongOf<T> retainedBy, LongOf<T> liveAt) {
    this.name = name;
    this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
    this.retainedBy = retainedBy;
    this.liveAt = liveAt;
  }

  /** Starts the declaration of table {@code name}; columns are added in the order of the INSERT. */
  public static <T> Builder<T> named(String name) {
    return new Builder<>(name);
  }

  public String name() {
    return name;
  }

  public List<Column<T>> columns() {
    return columns;
  }

  /**
   * True for a table dashboards read as it is written (its rows are sent within {@code
   * sink.flush-interval}); false for one read for analysis, whose rows may wait longer.
   */
  public boolean readLive() {
    return liveAt != null;
  }

  /**
   * For a table read live, the moment (event time, epoch ms) the row tells of: a batch of rows far
   * behind the clock is a replay or a catch-up ({@link SinkSettings#catchUpFlushAt}).
   */
  public long liveAt(T row) {
    return liveAt.of(row);
  }

  /**
   * The event time the table's TTL counts from for this row (epoch ms), to notice rows the TTL
   * deletes as they are written; {@link Long#MIN_VALUE} where the TTL counts from something else
   * (processing time) or there is none.
   */
  public long retainedBy(T row) {
    return retainedBy == null ? Long.MIN_VALUE : retainedBy.of(row);
  }

  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column<T> c : columns) {
      names.add(c.name());
    }
    return names;
  }

  @Override
  public String toString() {
    return name + columnNames();
  }

  /** A number from a row. */
  @FunctionalInterface
  public interface LongOf<T> extends Serializable {
    long of(T row);
  }

  /** A floating-point figure from a row. */
  @FunctionalInterface
  public interface DoubleOf<T> extends Serializable {
    double of(T row);
  }

  /** Any other value from a row. */
  @FunctionalInterface
  public interface ValueOf<T, V> extends Serializable {
    V of(T row);
  }

  /** Adds columns, then {@link #build()}. */
  public static final class Builder<T> {
    private final String name;
    private final List<Column<T>> columns = new ArrayList<>();
    private LongOf<T> retainedBy;
    private LongOf<T> liveAt;

    private Builder(String name) {
      this.name = name;
    }

    private Builder<T> add(Column<T> column) {
      for (Column<T> c : columns) {
        if (c.name().equals(column.name())) {
          throw new IllegalArgumentException(name + ": column " + column.name() + " twice");
        }
      }
      columns.add(column);
      return this;
    }

    /** String; null is written as an empty string (what ClickHouse's null_as_default did). */
    public Builder<T> string(String column, ValueOf<T, String> value) {
      return add(new Text<>(column, "String", value));
    }

    /** LowCardinality(String). */
    public Builder<T> lowCardinality(String column, ValueOf<T, String> value) {
      return add(new Text<>(column, "LowCardinality(String)", value));
    }

    /** String holding bytes as they are (e.g. a Kafka record's value). */
    public Builder<T> bytes(String column, ValueOf<T, byte[]> value) {
      return add(new Bytes<>(column, value));
    }

    public Builder<T> uint8(String column, LongOf<T> value) {
      return add(new Int<>(column, "UInt8", 0, 0xFFL, value));
    }

    public Builder<T> uint16(String column, LongOf<T> value) {
      return add(new Int<>(column, "UInt16", 0, 0xFFFFL, value));
    }

    public Builder<T> uint32(String column, LongOf<T> value) {
      return add(new Int<>(column, "UInt32", 0, 0xFFFF_FFFFL, value));
    }

    /** UInt64, up to Long.MAX_VALUE (a negative value is refused, never wrapped). */
    public Builder<T> uint64(String column, LongOf<T> value) {
      return add(new Int<>(column, "UInt64", 0, Long.MAX_VALUE, value));
    }

    public Builder<T> int32(String column, LongOf<T> value) {
      return add(new Int<>(column, "Int32", Integer.MIN_VALUE, Integer.MAX_VALUE, value));
    }

    public Builder<T> int64(String column, LongOf<T> value) {
      return add(new Int<>(column, "Int64", Long.MIN_VALUE, Long.MAX_VALUE, value));
    }

    public Builder<T> bool(String column, ValueOf<T, Boolean> value) {
      return add(new Flag<>(column, value));
    }

    public Builder<T> float64(String column, DoubleOf<T> value) {
      return add(new Real<>(column, false, value));
    }

    /** Nullable(Float64): NaN (too little to judge, no base) is written as NULL. */
    public Builder<T> nullableFloat64(String column, DoubleOf<T> value) {
      return add(new Real<>(column, true, value));
    }

    /** DateTime64(3, 'UTC') from epoch milliseconds. */
    public Builder<T> time(String column, LongOf<T> epochMillis) {
      return add(new Time<>(column, epochMillis));
    }

    /** Nullable(DateTime64(3, 'UTC')) from epoch milliseconds, null for NULL. */
    public Builder<T> nullableTime(String column, ValueOf<T, Long> epochMillis) {
      return add(new NullableTime<>(column, epochMillis));
    }

    /** The event time (epoch ms) the table's TTL counts from, as the migration's TTL clause. */
    public Builder<T> retainedBy(LongOf<T> epochMillis) {
      this.retainedBy = epochMillis;
      return this;
    }

    /**
     * Read by dashboards as it is written ({@link OutputTable#readLive()}); {@code at}: the moment
     * a row tells of ({@link OutputTable#liveAt}).
     */
    public Builder<T> readLive(LongOf<T> at) {
      this.liveAt = at;
      return this;
    }

    public OutputTable<T> build() {
      if (columns.isEmpty()) {
        throw new IllegalArgumentException(name + " has no columns");
      }
      return new OutputTable<>(name, columns, retainedBy, liveAt);
    }
  }

  /** A column: its name, its ClickHouse type, and how a row gives its value. */
  public abstract static class Column<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String type;

    Column(String name, String type) {
      this.name = name;
      this.type = type;
    }

    public String name() {
      return name;
    }

    /** The ClickHouse type, as the migration declares it. */
    public String type() {
      return type;
    }

    /**
     * The row's value as the table holds it (null for NULL; times as an Instant), for the dead
     * letter and for tests.
     */
    public abstract Object value(T row);

    /** Appends the row's value to its column of a block. */
    abstract void write(NativeColumn out, T row);

    IllegalArgumentException refused(Object value, String why) {
      return new IllegalArgumentException("column " + name + " " + type + ": " + value + " " + why);
    }
  }

  private static final class Text<T> extends Column<T> {
    private static final long serialVersionUID = 1L;
    private final ValueOf<T, String> value;

    Text(String name, String type, ValueOf<T, String> value) {
      super(name, type);
      this.value = value;
    }

    @Override
    public String value(T row) {
      String v = value.of(row);
      return v == null ? "" : v;
    }

    @Override
    void write(NativeColumn out, T row) {
      out.string(value(row));
    }
  }

  private static final class Bytes<T> extends Column<T> {
    private static final long serialVersionUID = 1L;
    private final ValueOf<T, byte[]> value;

    Bytes(String name, ValueOf<T, byte[]> value) {
      super(name, "String");
      this.value = value;
    }

    @Override
    public byte[] value(T row) {
      byte[] v = value.of(row);
      return v == null ? new byte[0] : v;
    }

    @Override
    void write(NativeColumn out, T row) {
      out.bytes(value(row));
    }
  }

  private static final class Int<T> extends Column<T> {
    private static final long serialVersionUID = 1L;
    private final long min;
    private final long max;
    private final LongOf<T> value;

    Int(String name, String type, long min, long max, LongOf<T> value) {
      super(name, type);
      this.min = min;
      this.max = max;
      this.value = value;
    }

    long checked(T row) {
      long v = value.of(row);
      if (v < min || v > max) {
        throw refused(v, "is out of range");
      }
      return v;
    }

    @Override
    public Long value(T row) {
      return value.of(row);
    }

    @Override
    void write(NativeColumn out, T row) {
      out.integer(checked(row));
    }
  }

  private static final class Flag<T> extends Column<T> {
    private static final long serialVersionUID = 1L;
    private final ValueOf<T, Boolean> value;

    Flag(String name, ValueOf<T, Boolean> value) {
      super(name, "Bool");
      this.value = value;
    }

    @Override
    public Boolean value(T row) {
      Boolean v = value.of(row);
      if (v == null) {
        throw refused(null, "is not allowed");
      }
      return v;
    }

    @Override
    void write(NativeColumn out, T row) {
      out.integer(value(row) ? 1 : 0);
    }
  }

  private static final class Real<T> extends Column<T> {
    private static final long serialVersionUID = 1L;
    private final boolean nanIsNull;
    private final DoubleOf<T> value;

    Real(String name, boolean nanIsNull, DoubleOf<T> value) {
      super(name, nanIsNull ? "Nullable(Float64)" : "Float64");
      this.nanIsNull = nanIsNull;
      this.value = value;
    }

    @Override
    public Double value(T row) {
      double v = value.of(row);
      return nanIsNull && Double.isNaN(v) ? null : v;
    }

    @Override
    void write(NativeColumn out, T row) {
      double v = value.of(row);
      if (nanIsNull) {
        out.isNull(Double.isNaN(v));
        if (Double.isNaN(v)) {
          return;
        }
      }
      out.float64(v);
    }
  }

  private static final class Time<T> extends Column<T> {
    private static final long serialVersionUID = 1L;
    private final LongOf<T> epochMillis;

    Time(String name, LongOf<T> epochMillis) {
      super(name, "DateTime64(3, 'UTC')");
      this.epochMillis = epochMillis;
    }

    @Override
    public Instant value(T row) {
      return Instant.ofEpochMilli(epochMillis.of(row));
    }

    @Override
    void write(NativeColumn out, T row) {
      out.integer(epochMillis.of(row)); // DateTime64(3): milliseconds since the epoch, Int64
    }
  }

  private static final class NullableTime<T> extends Column<T> {
    private static final long serialVersionUID = 1L;
    private final ValueOf<T, Long> epochMillis;

    NullableTime(String name, ValueOf<T, Long> epochMillis) {
      super(name, "Nullable(DateTime64(3, 'UTC'))");
      this.epochMillis = epochMillis;
    }

    @Override
    public Instant value(T row) {
      Long v = epochMillis.of(row);
      return v == null ? null : Instant.ofEpochMilli(v);
    }

    @Override
    void write(NativeColumn out, T row) {
      Long v = epochMillis.of(row);
      out.isNull(v == null);
      if (v != null) {
        out.integer(v);
      }
    }
  }
}
