package io.ccpulse.infra.clickhouse.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A successful chDB query result. {@link #data()} is a view of chDB's own memory (no copy): it must
 * not be used after {@link #close()}, which frees it. Errors never get here: they become {@link
 * ClickHouseException}.
 */
public final class ChdbResult implements AutoCloseable {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

  private long handle;
  private final ByteBuffer data;
  private final long[] stats;

  private ChdbResult(long handle, ByteBuffer data, long[] stats) {
    this.handle = handle;
    this.data = data;
    this.stats = stats;
  }

  /**
   * Takes ownership of a chdb_result pointer: returns the result, or frees it and throws its error.
   */
  static ChdbResult take(long handle) throws ClickHouseException {
    if (handle == 0) {
      throw new ClickHouseException(
          ClickHouseException.UNKNOWN_EXCEPTION, "chDB returned no result");
    }
    byte[] error = ChdbLibrary.resultError(handle);
    if (error != null) {
      ChdbLibrary.destroyResult(handle);
      throw ClickHouseException.fromChdb(new String(error, StandardCharsets.UTF_8));
    }
    ByteBuffer buffer = ChdbLibrary.resultBuffer(handle);
    return new ChdbResult(
        handle,
        buffer == null ? EMPTY : buffer.asReadOnlyBuffer(),
        ChdbLibrary.resultStats(handle));
  }

  /** The output in the requested format; a fresh view each call (position 0). */
  public ByteBuffer data() {
    if (handle == 0) {
      throw new IllegalStateException("result already closed");
    }
    return data.duplicate();
  }

  public int length() {
    return data.remaining();
  }

  /** chDB counts result rows here for a SELECT (it reports what the output format consumed). */
  public long rowsRead() {
    return stats[0];
  }

  public long bytesRead() {
    return stats[1];
  }

  public long rowsWritten() {
    return stats[2];
  }

  public long bytesWritten() {
    return stats[3];
  }

  public long elapsedNanos() {
    return stats[4];
  }

  @Override
  public void close() {
    if (handle != 0) {
      ChdbLibrary.destroyResult(handle);
      handle = 0;
    }
  }
}
