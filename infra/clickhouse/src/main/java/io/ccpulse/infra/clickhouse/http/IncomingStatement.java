package io.ccpulse.infra.clickhouse.http;

import io.ccpulse.infra.clickhouse.engine.ClickHouseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The statement text of one request (the {@code query} parameter followed by the body), read just
 * far enough: an INSERT's inline data is streamed to a temporary file rather than held in memory,
 * and the statement is rewritten to read that file ({@link SqlSplitter}). Close it to delete the
 * file.
 */
final class IncomingStatement implements AutoCloseable {

  /**
   * SQL beyond this is refused, as ClickHouse refuses oversized queries (data for INSERT is not
   * SQL).
   */
  static final int MAX_SQL_BYTES = 64 << 20;

  private static final int FIRST_READ = 64 << 10;

  /** Statements a read-only request (GET, readonly=1) may run. */
  private static final Set<String> READ_ONLY_VERBS =
      Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN", "SET", "USE", "");

  private final byte[] text;
  private final SqlSplitter.Statement statement;
  private final Path dataFile;

  private IncomingStatement(byte[] text, SqlSplitter.Statement statement, Path dataFile) {
    this.text = text;
    this.statement = statement;
    this.dataFile = dataFile;
  }

  /** Reads the statement; INSERT data goes to a new file in {@code tempDir}. */
  static IncomingStatement read(InputStream in, Path tempDir)
      throws IOException, ClickHouseException {
    byte[] buffer = new byte[FIRST_READ];
    int length = 0;
    boolean complete = false;
    while (true) {
      int n = in.readNBytes(buffer, length, buffer.length - length);
      length += n;
      complete = length < buffer.length;
      // Analyzed once per doubling, so reading stays linear.
      Optional<SqlSplitter.Statement> analyzed = SqlSplitter.analyze(buffer, length, complete);
      if (analyzed.isPresent() && analyzed.get().insert() != null) {
        return withData(buffer, length, analyzed.get(), in, tempDir);
      }
      if (analyzed.isPresent() && complete) {
        return new IncomingStatement(Arrays.copyOf(buffer, length), analyzed.get(), null);
      }
      if (buffer.length >= MAX_SQL_BYTES) {
        throw new ClickHouseException(
            ClickHouseException.QUERY_IS_TOO_LARGE,
            "Query is too large (more than "
                + MAX_SQL_BYTES
                + " bytes of SQL). (QUERY_IS_TOO_LARGE)");
      }
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
  }

  private static IncomingStatement withData(
      byte[] buffer, int length, SqlSplitter.Statement statement, InputStream rest, Path tempDir)
      throws IOException {
    int dataStart = statement.insert().dataStart();
    Path file = Files.createTempFile(tempDir, "insert-", ".bin");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(buffer, dataStart, length - dataStart);
      rest.transferTo(out);
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new IncomingStatement(Arrays.copyOf(buffer, dataStart), statement, file);
  }

  String verb() {
    return statement.verb();
  }

  /**
   * SET and USE change nothing: over HTTP without a session ClickHouse forgets them after the
   * request too (the driver tracks USE itself), and on our one shared connection they would leak.
   */
  boolean isNoOp() {
    return statement.insert() == null && (verb().equals("SET") || verb().equals("USE"));
  }

  boolean isReadOnly() {
    return READ_ONLY_VERBS.contains(verb());
  }

  boolean isInsert() {
    return verb().equals("INSERT");
  }

  /** The output format the statement itself names (FORMAT clause), or null. */
  String ownFormat() {
    return statement.format();
  }

  /** The bytes to hand to chDB. */
  byte[] sql() throws ClickHouseException {
    if (statement.end() == 0 && dataFile == null) {
      throw new ClickHouseException(
          ClickHouseException.SYNTAX_ERROR, "Empty query. (SYNTAX_ERROR)");
    }
    if (statement.multiple()) {
      throw new ClickHouseException(
          ClickHouseException.SYNTAX_ERROR, "Multi-statements are not allowed. (SYNTAX_ERROR)");
    }
    if (dataFile != null) {
      return SqlSplitter.insertFromFile(
          text, statement.insert(), dataFile.toAbsolutePath().toString());
    }
    if (statement.syncStart() >= 0) {
      // DROP ... SYNC waits for a background drop task that chDB 26.5 never runs: it would hang
      // the server. Without SYNC the table is gone at once; its files are removed later.
      return Arrays.copyOf(text, statement.syncStart());
    }
    return Arrays.copyOf(text, statement.end());
  }

  @Override
  public void close() throws IOException {
    if (dataFile != null) {
      Files.deleteIfExists(dataFile);
    }
  }
}
