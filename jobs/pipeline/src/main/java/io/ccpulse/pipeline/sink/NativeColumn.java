package io.ccpulse.pipeline.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of an INSERT's block, its values laid out as ClickHouse's Native format holds its
 * type, so the server copies them rather than parsing row by row: fixed-width numbers little-endian
 * one after another; strings each a varint length and UTF-8; a Nullable column its null map (a byte
 * a row) before the values (a default where null); LowCardinality(String) a dictionary of the
 * block's distinct strings and an index per row, as ClickHouse itself writes it (the empty string
 * first, keys version 1, the index width by the dictionary's size).
 */
final class NativeColumn {
  private static final VarHandle LONG = view(long[].class);
  private static final VarHandle INT = view(int[].class);
  private static final VarHandle SHORT = view(short[].class);

  /** LowCardinality's keys serialization version: a dictionary with each block. */
  private static final long SHARED_DICTIONARIES_WITH_ADDITIONAL_KEYS = 1;

  /** LowCardinality's index flags: the block carries its keys, and they are the dictionary. */
  private static final long HAS_ADDITIONAL_KEYS = 1L << 9;

  private static final long NEED_UPDATE_DICTIONARY = 1L << 10;

  private final String name;
  private final String type;

  /** Bytes of a value of a fixed-width type (through Nullable); 0 for strings. */
  private final int width;

  private final boolean nullable;
  private final boolean lowCardinality;

  private byte[] data = new byte[1 << 12];
  private int size;
  private byte[] nulls;
  private int nullCount;

  // LowCardinality: the block's distinct strings in order of their first row, and each row's index
  private Map<String, Integer> keyIndex;
  private List<byte[]> keys;
  private int[] indexes;
  private int indexCount;

  NativeColumn(String name, String type) {
    this.name = name;
    this.type = type;
    this.nullable = type.startsWith("Nullable(");
    this.lowCardinality = type.equals("LowCardinality(String)");
    String inner = nullable ? type.substring("Nullable(".length(), type.length() - 1) : type;
    this.width = width(inner);
    if (nullable) {
      nulls = new byte[1 << 10];
    }
    if (lowCardinality) {
      keyIndex = new HashMap<>();
      keys = new ArrayList<>();
      indexes = new int[1 << 10];
    }
    clear();
  }

  private static int width(String type) {
    return switch (type) {
      case "UInt8", "Int8", "Bool" -> 1;
      case "UInt16", "Int16" -> 2;
      case "UInt32", "Int32", "Float32" -> 4;
      case "String", "LowCardinality(String)" -> 0;
      default -> 8; // UInt64, Int64, Float64, DateTime64
    };
  }

  /** Empties the column for the next block; its buffers stay. */
  void clear() {
    size = 0;
    nullCount = 0;
    indexCount = 0;
    if (lowCardinality) {
      keyIndex.clear();
      keys.clear();
      lowCardinality(""); // the default first, as ClickHouse writes a dictionary
      indexCount = 0;
    }
  }

  /** Where the column ends now, to cut a row off that failed part-way ({@link #cut}). */
  long mark() {
    return ((long) size << 32) | (nullable ? nullCount : indexCount);
  }

  void cut(long mark) {
    size = (int) (mark >>> 32);
    int count = (int) mark;
    if (nullable) {
      nullCount = count;
    } else {
      indexCount = count;
    }
  }

  /** An integer (or a time in its unit, or a flag) in the column's width. */
  void integer(long v) {
    ensure(width);
    switch (width) {
      case 1 -> data[size] = (byte) v;
      case 2 -> SHORT.set(data, size, (short) v);
      case 4 -> INT.set(data, size, (int) v);
      default -> LONG.set(data, size, v);
    }
    size += width;
  }

  void float64(double v) {
    integer(Double.doubleToRawLongBits(v));
  }

  /** A String column's value, or a LowCardinality(String)'s index of it. */
  void string(String v) {
    if (lowCardinality) {
      lowCardinality(v);
    } else {
      bytes(v.getBytes(StandardCharsets.UTF_8));
    }
  }

  void bytes(byte[] v) {
    ensure(10 + v.length);
    size = varUInt(data, size, v.length);
    System.arraycopy(v, 0, data, size, v.length);
    size += v.length;
  }

  /** A Nullable column's row: null (its value a zero of the width, which follows) or not. */
  void isNull(boolean isNull) {
    if (nullCount == nulls.length) {
      nulls = Arrays.copyOf(nulls, nulls.length * 2);
    }
    nulls[nullCount++] = (byte) (isNull ? 1 : 0);
    if (isNull) {
      integer(0);
    }
  }

  private void lowCardinality(String v) {
    Integer index = keyIndex.get(v);
    if (index == null) {
      index = keys.size();
      keyIndex.put(v, index);
      keys.add(v.getBytes(StandardCharsets.UTF_8));
    }
    if (indexCount == indexes.length) {
      indexes = Arrays.copyOf(indexes, indexes.length * 2);
    }
    indexes[indexCount++] = index;
  }

  /** The column in the block: its name, its type, then its {@code rows} values. */
  void writeTo(OutputStream out, int rows) throws IOException {
    byte[] head = new byte[10];
    writeString(out, head, name);
    writeString(out, head, type);
    if (nullable) {
      out.write(nulls, 0, rows);
    }
    if (!lowCardinality) {
      out.write(data, 0, size);
      return;
    }
    int indexWidth = keys.size() <= 1 << 8 ? 1 : keys.size() <= 1 << 16 ? 2 : 4;
    int widthCode = indexWidth == 1 ? 0 : indexWidth == 2 ? 1 : 2;
    byte[] u64 = new byte[8];
    writeUInt64(out, u64, SHARED_DICTIONARIES_WITH_ADDITIONAL_KEYS);
    writeUInt64(out, u64, HAS_ADDITIONAL_KEYS | NEED_UPDATE_DICTIONARY | widthCode);
    writeUInt64(out, u64, keys.size());
    for (byte[] key : keys) {
      out.write(head, 0, varUInt(head, 0, key.length));
      out.write(key);
    }
    writeUInt64(out, u64, rows);
    byte[] packed = new byte[rows * indexWidth];
    for (int i = 0; i < rows; i++) {
      int v = indexes[i];
      switch (indexWidth) {
        case 1 -> packed[i] = (byte) v;
        case 2 -> SHORT.set(packed, i * 2, (short) v);
        default -> INT.set(packed, i * 4, v);
      }
    }
    out.write(packed);
  }

  private static void writeString(OutputStream out, byte[] head, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(head, 0, varUInt(head, 0, b.length));
    out.write(b);
  }

  private static void writeUInt64(OutputStream out, byte[] u64, long v) throws IOException {
    LONG.set(u64, 0, v);
    out.write(u64);
  }

  /** ClickHouse's VarUInt (LEB128) of {@code v} at {@code at}; returns where it ends. */
  static int varUInt(byte[] b, int at, long v) {
    while ((v & ~0x7FL) != 0) {
      b[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[at++] = (byte) v;
    return at;
  }

  private void ensure(int more) {
    if (size + more > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
    }
  }

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }
}
