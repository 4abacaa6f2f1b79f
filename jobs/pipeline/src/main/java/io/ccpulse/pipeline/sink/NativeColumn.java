package io.ccpulse.pipeline.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of an INSERT's block, its values laid out as ClickHouse's Native format holds its
 * type, so the server copies them rather than parsing row by row: fixed-width numbers little-endian
 * one after another; strings each a varint length and UTF-8; a Nullable column its null map (a byte
 * a row) before the values (a default where null); LowCardinality(String) a dictionary of the
 * block's distinct strings and an index per row, as ClickHouse itself writes it (the empty string
 * first, keys version 1, the index width by the dictionary's size). Values are kept in {@link
 * ByteChunks}, so a large block's column is no single large array.
 */
final class NativeColumn {
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

  private final ByteChunks data = new ByteChunks(1 << 12);

  /** Nullable: a byte a row, 1 where null. LowCardinality: each row's index, 4 bytes. */
  private final ByteChunks perRow;

  private long dataMark;
  private long perRowMark;

  // LowCardinality: the block's distinct strings in order of their first row
  private Map<String, Integer> keyIndex;
  private List<byte[]> keys;

  NativeColumn(String name, String type) {
    this.name = name;
    this.type = type;
    this.nullable = type.startsWith("Nullable(");
    this.lowCardinality = type.equals("LowCardinality(String)");
    String inner = nullable ? type.substring("Nullable(".length(), type.length() - 1) : type;
    this.width = width(inner);
    this.perRow = nullable || lowCardinality ? new ByteChunks(1 << 10) : null;
    if (lowCardinality) {
      keyIndex = new HashMap<>();
      keys = new ArrayList<>();
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
    data.clear();
    if (perRow != null) {
      perRow.clear();
    }
    if (lowCardinality) {
      keyIndex.clear();
      keys.clear();
      key(""); // the default first, as ClickHouse writes a dictionary
    }
  }

  /** Notes where the column ends now, to cut a row off that fails part-way ({@link #cut}). */
  void mark() {
    dataMark = data.mark();
    perRowMark = perRow == null ? 0 : perRow.mark();
  }

  /** Back to the last {@link #mark}. A dictionary key the row added stays, unused. */
  void cut() {
    data.cut(dataMark);
    if (perRow != null) {
      perRow.cut(perRowMark);
    }
  }

  /** An integer (or a time in its unit, or a flag) in the column's width. */
  void integer(long v) {
    switch (width) {
      case 1 -> data.put((byte) v);
      case 2 -> data.putShort((short) v);
      case 4 -> data.putInt((int) v);
      default -> data.putLong(v);
    }
  }

  void float64(double v) {
    integer(Double.doubleToRawLongBits(v));
  }

  /** A String column's value, or a LowCardinality(String)'s index of it. */
  void string(String v) {
    if (lowCardinality) {
      perRow.putInt(key(v));
    } else {
      bytes(v.getBytes(StandardCharsets.UTF_8));
    }
  }

  void bytes(byte[] v) {
    data.putSized(v);
  }

  /** A Nullable column's row: null (its value a zero of the width, which follows) or not. */
  void isNull(boolean isNull) {
    perRow.put((byte) (isNull ? 1 : 0));
    if (isNull) {
      integer(0);
    }
  }

  /** A LowCardinality(String)'s index of {@code v} in the block's dictionary, added if new. */
  private int key(String v) {
    Integer index = keyIndex.get(v);
    if (index == null) {
      index = keys.size();
      keyIndex.put(v, index);
      keys.add(v.getBytes(StandardCharsets.UTF_8));
    }
    return index;
  }

  /** The column in the block: its name, its type, then its {@code rows} values. */
  void writeTo(OutputStream out, int rows) throws IOException {
    byte[] head = new byte[10];
    writeString(out, head, name);
    writeString(out, head, type);
    if (nullable) {
      perRow.writeTo(out);
    }
    if (!lowCardinality) {
      data.writeTo(out);
      return;
    }
    int indexWidth = keys.size() <= 1 << 8 ? 1 : keys.size() <= 1 << 16 ? 2 : 4;
    int widthCode = indexWidth == 1 ? 0 : indexWidth == 2 ? 1 : 2;
    ByteChunks.writeUInt64(out, SHARED_DICTIONARIES_WITH_ADDITIONAL_KEYS);
    ByteChunks.writeUInt64(out, HAS_ADDITIONAL_KEYS | NEED_UPDATE_DICTIONARY | widthCode);
    ByteChunks.writeUInt64(out, keys.size());
    for (byte[] key : keys) {
      out.write(head, 0, ByteChunks.varUInt(head, 0, key.length));
      out.write(key);
    }
    ByteChunks.writeUInt64(out, rows);
    perRow.writeIntsAs(indexWidth, out);
  }

  private static void writeString(OutputStream out, byte[] head, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(head, 0, ByteChunks.varUInt(head, 0, b.length));
    out.write(b);
  }
}
