package io.ccpulse.pipeline.sink;

import com.clickhouse.client.api.data_formats.RowBinaryFormatSerializer;
import com.clickhouse.data.ClickHouseFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One INSERT's rows in ClickHouse's RowBinaryWithNamesAndTypes format, encoded in memory by the
 * official client's {@link RowBinaryFormatSerializer}: a header naming each column and its type
 * (ClickHouse checks them against the table, so a declaration that drifted from its migration is
 * refused rather than misread), then the rows. A row whose encoding fails part-way is cut off, and
 * the batch goes on without it. Reused from batch to batch; a retry sends the same bytes again.
 */
final class RowBinaryBatch extends OutputStream {
  static final ClickHouseFormat FORMAT = ClickHouseFormat.RowBinaryWithNamesAndTypes;

  private final RowBinaryFormatSerializer serializer = new RowBinaryFormatSerializer(this);
  private byte[] bytes = new byte[64 << 10];
  private int size;
  private int rows;

  /** Starts a batch for {@code table}: its header. */
  <T> void start(OutputTable<T> table) throws IOException {
    size = 0;
    rows = 0;
    RowBinaryFormatSerializer.writeSize(this, table.columns().size());
    for (OutputTable.Column<T> c : table.columns()) {
      serializer.writeString(c.name());
    }
    for (OutputTable.Column<T> c : table.columns()) {
      serializer.writeString(c.type());
    }
  }

  /**
   * Appends {@code row}; if a column's value cannot be had or written, nothing of the row is kept
   * and the failure is thrown.
   */
  <T> void add(OutputTable<T> table, T row) throws IOException {
    int mark = size;
    try {
      for (OutputTable.Column<T> c : table.columns()) {
        c.write(this, row);
      }
    } catch (IOException | RuntimeException e) {
      size = mark;
      throw e;
    }
    rows++;
  }

  RowBinaryFormatSerializer serializer() {
    return serializer;
  }

  int rows() {
    return rows;
  }

  int size() {
    return size;
  }

  /** The batch as the body of the INSERT. */
  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
