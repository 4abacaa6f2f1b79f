package io.ccpulse.infra.clickhouse.http;

import io.ccpulse.infra.clickhouse.engine.ClickHouseException;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * ClickHouse's native block compression, what the HTTP interface speaks for {@code compress=1} (the
 * response) and {@code decompress=1} (the request body). Each block is
 *
 * <pre>
 *   16 bytes  CityHash128 v1.0.2 of the rest of the block (low 64 bits first, little-endian)
 *    1 byte   method: 0x82 LZ4, 0x02 none
 *    4 bytes  compressed size including these 9 header bytes (LE)
 *    4 bytes  uncompressed size (LE)
 *    ...      payload
 * </pre>
 *
 * Responses use LZ4 blocks holding one literal run, a valid LZ4 block that costs no CPU: over the
 * loopback the point is speaking the driver's default protocol, not saving bytes (the driver
 * accepts only method 0x82). Requests may use LZ4 or none.
 */
final class NativeCompression {

  static final byte METHOD_NONE = 0x02;
  static final byte METHOD_LZ4 = (byte) 0x82;
  static final int CHECKSUM_SIZE = 16;
  static final int HEADER_SIZE = 9;

  /** ClickHouse's default block size; also a sane upper bound for what we accept. */
  static final int BLOCK_SIZE = 1 << 20;

  private static final int MAX_BLOCK = 1 << 30;

  private NativeCompression() {}

  /**
   * Writes everything as compressed blocks of at most {@link #BLOCK_SIZE}; close() flushes the
   * last.
   */
  static OutputStream compressing(OutputStream out) {
    return new CompressingStream(out);
  }

  /** Reads compressed blocks; a corrupt block raises {@link CorruptedBlockException}. */
  static InputStream decompressing(InputStream in) {
    return new DecompressingStream(in);
  }

  /**
   * One complete compressed block (checksum, header, LZ4 literal run) for {@code data[off,
   * off+len)}.
   */
  static byte[] compressBlock(byte[] data, int off, int len) {
    int lengthBytes = len >= 15 ? (len - 15) / 255 + 1 : 0;
    int payload = 1 + lengthBytes + len;
    byte[] block = new byte[CHECKSUM_SIZE + HEADER_SIZE + payload];
    int p = CHECKSUM_SIZE;
    block[p++] = METHOD_LZ4;
    p = putInt(block, p, HEADER_SIZE + payload);
    p = putInt(block, p, len);
    // LZ4 sequence: token (literal length in the high nibble, 15 = "more bytes follow"), the length
    // continuation (255s, then the remainder), the literals; no match part in the last sequence.
    block[p++] = (byte) (Math.min(len, 15) << 4);
    if (len >= 15) {
      int rest = len - 15;
      while (rest >= 255) {
        block[p++] = (byte) 255;
        rest -= 255;
      }
      block[p++] = (byte) rest;
    }
    System.arraycopy(data, off, block, p, len);
    long[] hash = CityHash128.hash(block, CHECKSUM_SIZE, block.length - CHECKSUM_SIZE);
    putLong(block, 0, hash[0]);
    putLong(block, 8, hash[1]);
    return block;
  }

  /** Decodes an LZ4 block {@code src[off, off+len)} into exactly {@code dst.length} bytes. */
  static void lz4Decompress(byte[] src, int off, int len, byte[] dst)
      throws CorruptedBlockException {
    int s = off;
    int end = off + len;
    int d = 0;
    try {
      while (s < end) {
        int token = src[s++] & 0xff;
        int literals = token >>> 4;
        if (literals == 15) {
          int b;
          do {
            b = src[s++] & 0xff;
            literals += b;
          } while (b == 255);
        }
        System.arraycopy(src, s, dst, d, literals);
        s += literals;
        d += literals;
        if (s >= end) {
          break; // the last sequence has no match
        }
        int offset = (src[s] & 0xff) | (src[s + 1] & 0xff) << 8;
        s += 2;
        if (offset == 0 || offset > d) {
          throw new CorruptedBlockException("LZ4 match offset " + offset + " out of range");
        }
        int matchLength = token & 0x0f;
        if (matchLength == 15) {
          int b;
          do {
            b = src[s++] & 0xff;
            matchLength += b;
          } while (b == 255);
        }
        matchLength += 4;
        // Byte by byte: a match may overlap the bytes it is producing.
        for (int i = 0; i < matchLength; i++, d++) {
          dst[d] = dst[d - offset];
        }
      }
    } catch (IndexOutOfBoundsException e) {
      throw new CorruptedBlockException("LZ4 data is malformed");
    }
    if (d != dst.length) {
      throw new CorruptedBlockException(
          "LZ4 block decoded to " + d + " bytes, expected " + dst.length);
    }
  }

  static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
    return p + 4;
  }

  static int getInt(byte[] b, int p) {
    return (b[p] & 0xff)
        | (b[p + 1] & 0xff) << 8
        | (b[p + 2] & 0xff) << 16
        | (b[p + 3] & 0xff) << 24;
  }

  private static void putLong(byte[] b, int p, long v) {
    putInt(b, p, (int) v);
    putInt(b, p + 4, (int) (v >>> 32));
  }

  private static long getLong(byte[] b, int p) {
    return (getInt(b, p) & 0xffffffffL) | (long) getInt(b, p + 4) << 32;
  }

  /** A compressed request body that does not check out; ClickHouse answers such with a 400. */
  static final class CorruptedBlockException extends IOException {
    final int code;

    CorruptedBlockException(String message) {
      this(ClickHouseException.CANNOT_DECOMPRESS, message);
    }

    CorruptedBlockException(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  private static final class CompressingStream extends FilterOutputStream {
    private final byte[] buffer = new byte[BLOCK_SIZE];
    private int count;

    CompressingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      if (count == buffer.length) {
        flushBlock();
      }
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (count == buffer.length) {
          flushBlock();
        }
        int n = Math.min(len, buffer.length - count);
        System.arraycopy(b, off, buffer, count, n);
        count += n;
        off += n;
        len -= n;
      }
    }

    private void flushBlock() throws IOException {
      if (count > 0) {
        out.write(compressBlock(buffer, 0, count));
        count = 0;
      }
    }

    @Override
    public void flush() throws IOException {
      flushBlock();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      flushBlock();
      out.close();
    }
  }

  private static final class DecompressingStream extends InputStream {
    private final InputStream in;
    private final byte[] header = new byte[CHECKSUM_SIZE + HEADER_SIZE];
    private byte[] block = new byte[0];
    private int position;

    DecompressingStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (position == block.length) {
        if (!nextBlock()) {
          return -1;
        }
      }
      int n = Math.min(len, block.length - position);
      System.arraycopy(block, position, b, off, n);
      position += n;
      return n;
    }

    private boolean nextBlock() throws IOException {
      int first = in.readNBytes(header, 0, header.length);
      if (first == 0) {
        return false;
      }
      if (first < header.length) {
        throw new EOFException("truncated compressed block header");
      }
      byte method = header[CHECKSUM_SIZE];
      int compressedSize = getInt(header, CHECKSUM_SIZE + 1);
      int size = getInt(header, CHECKSUM_SIZE + 5);
      if (compressedSize < HEADER_SIZE
          || compressedSize > MAX_BLOCK
          || size < 0
          || size > MAX_BLOCK) {
        throw new CorruptedBlockException(
            ClickHouseException.CANNOT_DECOMPRESS,
            "compressed block sizes out of range: " + compressedSize + "/" + size);
      }
      byte[] framed = new byte[compressedSize];
      System.arraycopy(header, CHECKSUM_SIZE, framed, 0, HEADER_SIZE);
      if (in.readNBytes(framed, HEADER_SIZE, compressedSize - HEADER_SIZE)
          != compressedSize - HEADER_SIZE) {
        throw new EOFException("truncated compressed block");
      }
      long[] hash = CityHash128.hash(framed, 0, framed.length);
      if (hash[0] != getLong(header, 0) || hash[1] != getLong(header, 8)) {
        throw new CorruptedBlockException(
            ClickHouseException.CHECKSUM_DOESNT_MATCH, "Checksum doesn't match: corrupted data");
      }
      byte[] data = new byte[size];
      if (method == METHOD_LZ4) {
        lz4Decompress(framed, HEADER_SIZE, compressedSize - HEADER_SIZE, data);
      } else if (method == METHOD_NONE) {
        if (size != compressedSize - HEADER_SIZE) {
          throw new CorruptedBlockException("uncompressed block size mismatch");
        }
        System.arraycopy(framed, HEADER_SIZE, data, 0, size);
      } else {
        throw new CorruptedBlockException(
            89, // UNKNOWN_COMPRESSION_METHOD
            String.format(
                "Unknown compression method 0x%02x (only LZ4 and none are supported here)",
                method & 0xff));
      }
      block = data;
      position = 0;
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
