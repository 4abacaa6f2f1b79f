package io.ccpulse.pipeline.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes appended little-endian in arrays of at most {@link #CHUNK} bytes. A column of a large block
 * held in one array would be a humongous object to G1 (half a region or more: 512 KiB in a
 * TaskManager's heap of under 2 GiB), allocated outside the young generation and copied whole each
 * time it doubled; in chunks it is neither, and the chunks stay for the next block.
 */
final class ByteChunks {
  /** Under the humongous threshold of the smallest G1 region (1 MiB). */
  static final int CHUNK = 1 << 18;

  private static final VarHandle LONG = view(long[].class);
  private static final VarHandle INT = view(int[].class);
  private static final VarHandle SHORT = view(short[].class);

  private final List<byte[]> chunks = new ArrayList<>();
  private int[] used = new int[8]; // bytes used in each chunk before the current one
  private byte[] data;
  private int chunk;
  private int size; // bytes used in the current chunk

  /**
   * @param initial the first chunk's size; it doubles up to {@link #CHUNK}, then more chunks come
   */
  ByteChunks(int initial) {
    data = new byte[initial];
    chunks.add(data);
  }

  /** Empties it; the chunks stay. */
  void clear() {
    chunk = 0;
    data = chunks.get(0);
    size = 0;
  }

  /** Where it ends now, for {@link #cut}. */
  long mark() {
    return ((long) chunk << 32) | size;
  }

  /** Drops what was appended after {@code mark}. */
  void cut(long mark) {
    chunk = (int) (mark >>> 32);
    data = chunks.get(chunk);
    size = (int) mark;
  }

  void put(byte v) {
    room(1);
    data[size++] = v;
  }

  void putShort(short v) {
    room(2);
    SHORT.set(data, size, v);
    size += 2;
  }

  void putInt(int v) {
    room(4);
    INT.set(data, size, v);
    size += 4;
  }

  void putLong(long v) {
    room(8);
    LONG.set(data, size, v);
    size += 8;
  }

  /** ClickHouse's VarUInt (LEB128) of the length, then the bytes: a String value. */
  void putSized(byte[] v) {
    room(10 + v.length);
    size = varUInt(data, size, v.length);
    System.arraycopy(v, 0, data, size, v.length);
    size += v.length;
  }

  /** Everything appended, in order. */
  void writeTo(OutputStream out) throws IOException {
    for (int i = 0; i < chunk; i++) {
      out.write(chunks.get(i), 0, used[i]);
    }
    out.write(data, 0, size);
  }

  /**
   * The 4-byte values appended with {@link #putInt}, each written in {@code width} bytes (1, 2 or
   * 4), through a small buffer.
   */
  void writeIntsAs(int width, OutputStream out) throws IOException {
    byte[] packed = new byte[8192];
    int at = 0;
    for (int i = 0; i <= chunk; i++) {
      byte[] c = chunks.get(i);
      int end = i == chunk ? size : used[i];
      for (int p = 0; p < end; p += 4) {
        int v = (int) INT.get(c, p);
        switch (width) {
          case 1 -> packed[at] = (byte) v;
          case 2 -> SHORT.set(packed, at, (short) v);
          default -> INT.set(packed, at, v);
        }
        at += width;
        if (at == packed.length) {
          out.write(packed, 0, at);
          at = 0;
        }
      }
    }
    out.write(packed, 0, at);
  }

  /** Makes room for {@code more} bytes at {@code data[size]}. */
  private void room(int more) {
    if (size + more <= data.length) {
      return;
    }
    if (chunk == 0 && data.length < CHUNK) { // the first chunk grows while it is small
      data = Arrays.copyOf(data, Math.max(Math.min(data.length * 2, CHUNK), size + more));
      chunks.set(0, data);
      if (size + more <= data.length) {
        return;
      }
    }
    if (chunk == used.length) {
      used = Arrays.copyOf(used, used.length * 2);
    }
    used[chunk++] = size;
    size = 0;
    if (chunk == chunks.size()) {
      chunks.add(new byte[Math.max(CHUNK, more)]);
    } else if (chunks.get(chunk).length < more) { // a value longer than a chunk: a chunk its size
      chunks.set(chunk, new byte[more]);
    }
    data = chunks.get(chunk);
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

  static void writeUInt64(OutputStream out, long v) throws IOException {
    byte[] u64 = new byte[8];
    LONG.set(u64, 0, v);
    out.write(u64);
  }

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }
}
