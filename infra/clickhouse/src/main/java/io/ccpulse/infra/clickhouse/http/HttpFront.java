package io.ccpulse.infra.clickhouse.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ccpulse.infra.clickhouse.engine.ChdbEngine;
import io.ccpulse.infra.clickhouse.engine.ChdbResult;
import io.ccpulse.infra.clickhouse.engine.ClickHouseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ClickHouse HTTP interface over {@link ChdbEngine}: POST / (and read-only GET /) with the
 * statement in the {@code query} parameter and/or the body, GET /ping. Results are materialized by
 * chDB and then sent, so there is no progress, no streaming and no mid-stream exception.
 */
public final class HttpFront implements HttpHandler {

  private static final Logger LOG = Logger.getLogger(HttpFront.class.getName());
  private static final int COPY_CHUNK = 64 << 10;
  private static final int AUTHENTICATION_FAILED = 516;

  private final ChdbEngine engine;
  private final Path tempDir;
  private final String displayName;
  private final String identity;

  /**
   * @param identity the user every query of this process runs as (see ProcessIdentity), or null
   *     when chDB runs as its unrestricted built-in default user and any user name is accepted
   */
  public HttpFront(ChdbEngine engine, Path tempDir, String displayName, String identity) {
    this.engine = engine;
    this.tempDir = tempDir;
    this.displayName = displayName;
    this.identity = identity;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      if (path.equals("/ping") || path.equals("/replicas_status")) {
        sendText(exchange, 200, "Ok.\n");
      } else if (!path.equals("/")) {
        sendText(exchange, 404, "There is no handle " + path + "\n");
      } else if (method.equals("GET") && exchange.getRequestURI().getRawQuery() == null) {
        sendText(exchange, 200, "Ok.\n");
      } else if (method.equals("GET") || method.equals("POST")) {
        query(exchange, method);
      } else {
        sendText(exchange, 405, "Method " + method + " is not allowed\n");
      }
    } catch (IOException | RuntimeException e) {
      // Usually the client went away; there is nobody left to tell.
      LOG.log(Level.FINE, "request failed", e);
    } finally {
      exchange.close();
    }
  }

  private void query(HttpExchange exchange, String method) throws IOException {
    HttpQuery query;
    try {
      Headers headers = exchange.getRequestHeaders();
      query = HttpQuery.parse(method, exchange.getRequestURI().getRawQuery(), headers::getFirst);
    } catch (ClickHouseException e) {
      sendError(exchange, null, e);
      return;
    }
    if (identity != null && !identity.equals(query.user())) {
      // Never run one user's request with another's rights: this process can only be `identity`.
      sendError(
          exchange,
          query,
          new ClickHouseException(
              AUTHENTICATION_FAILED,
              query.user()
                  + ": Authentication failed: this embedded ClickHouse runs every query as "
                  + identity
                  + " (chDB has one user per process). (AUTHENTICATION_FAILED)"));
      return;
    }
    try (IncomingStatement statement =
        IncomingStatement.read(statementText(exchange, query), tempDir)) {
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine(describe(exchange, query, statement));
      }
      if (statement.isNoOp()) {
        sendResult(exchange, query, query.format(), null);
        return;
      }
      if (query.readOnly() && !statement.isReadOnly()) {
        throw new ClickHouseException(
            ClickHouseException.READONLY,
            "Cannot execute query in readonly mode. "
                + "For queries over HTTP, method GET implies readonly. You should use method POST for modifying queries. (READONLY)");
      }
      String format = statement.ownFormat() != null ? statement.ownFormat() : query.format();
      ChdbEngine.Query engineQuery =
          new ChdbEngine.Query(
              query.database(), query.settings(), statement.sql(), format, query.parameters());
      try (ChdbResult result = engine.execute(engineQuery)) {
        sendResult(exchange, query, format, result);
      }
    } catch (ClickHouseException e) {
      LOG.log(Level.FINE, "query failed: {0}", e.getMessage());
      sendError(exchange, query, e);
    } catch (NativeCompression.CorruptedBlockException e) {
      sendError(exchange, query, new ClickHouseException(e.code, e.getMessage()));
    }
  }

  /** ClickHouse: the query parameter, a newline, then the body (decompressed if so declared). */
  private static InputStream statementText(HttpExchange exchange, HttpQuery query) {
    InputStream body = exchange.getRequestBody();
    if (query.decompress()) {
      body = NativeCompression.decompressing(body);
    }
    if (query.sqlParameter() == null || query.sqlParameter().isEmpty()) {
      return body;
    }
    byte[] head = (query.sqlParameter() + "\n").getBytes(StandardCharsets.UTF_8);
    return new SequenceInputStream(new ByteArrayInputStream(head), body);
  }

  private void sendResult(HttpExchange exchange, HttpQuery query, String format, ChdbResult result)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    commonHeaders(headers, query);
    headers.set("Content-Type", contentType(format));
    headers.set("X-ClickHouse-Format", format);
    headers.set("X-ClickHouse-Summary", summary(result));
    int length = result == null ? 0 : result.length();
    if (length == 0) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    // Compressed: the framed length is not worth computing up front, so the body is chunked.
    exchange.sendResponseHeaders(200, query.compress() ? 0 : length);
    try (OutputStream out =
        query.compress()
            ? NativeCompression.compressing(exchange.getResponseBody())
            : exchange.getResponseBody()) {
      ByteBuffer data = result.data();
      byte[] chunk = new byte[Math.min(COPY_CHUNK, length)];
      while (data.hasRemaining()) {
        int n = Math.min(chunk.length, data.remaining());
        data.get(chunk, 0, n);
        out.write(chunk, 0, n);
      }
    }
  }

  private void sendError(HttpExchange exchange, HttpQuery query, ClickHouseException e)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    commonHeaders(headers, query);
    headers.set("Content-Type", "text/plain; charset=UTF-8");
    headers.set("X-ClickHouse-Exception-Code", Integer.toString(e.code()));
    byte[] body = e.body().getBytes(StandardCharsets.UTF_8);
    int status = e.httpStatus();
    // As ClickHouse: the error goes through the compressed stream too, except for auth failures.
    boolean compress = query != null && query.compress() && status != 401 && status != 403;
    exchange.sendResponseHeaders(status, compress ? 0 : body.length);
    try (OutputStream out =
        compress
            ? NativeCompression.compressing(exchange.getResponseBody())
            : exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void commonHeaders(Headers headers, HttpQuery query) {
    if (query != null) {
      headers.set("X-ClickHouse-Query-Id", query.queryId());
    }
    headers.set("X-ClickHouse-Timezone", "UTC");
    headers.set("X-ClickHouse-Server-Display-Name", displayName);
    headers.set("Keep-Alive", "timeout=10");
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * X-ClickHouse-Summary: the driver takes written_rows as the update count, so it must be right.
   */
  static String summary(ChdbResult result) {
    long readRows = result == null ? 0 : result.rowsRead();
    long readBytes = result == null ? 0 : result.bytesRead();
    long writtenRows = result == null ? 0 : result.rowsWritten();
    long writtenBytes = result == null ? 0 : result.bytesWritten();
    // chDB's rows_read of a SELECT is its result rows; an INSERT's result is what it wrote.
    long resultRows = writtenRows > 0 ? writtenRows : readRows;
    long resultBytes = result == null ? 0 : result.length();
    long elapsed = result == null ? 0 : result.elapsedNanos();
    return String.format(
        Locale.ROOT,
        "{\"read_rows\":\"%d\",\"read_bytes\":\"%d\",\"written_rows\":\"%d\",\"written_bytes\":\"%d\","
            + "\"total_rows_to_read\":\"%d\",\"result_rows\":\"%d\",\"result_bytes\":\"%d\",\"elapsed_ns\":\"%d\"}",
        readRows,
        readBytes,
        writtenRows,
        writtenBytes,
        readRows,
        resultRows,
        resultBytes,
        elapsed);
  }

  static String contentType(String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (f.startsWith("json")) {
      return "application/json; charset=UTF-8";
    }
    if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
      return "text/tab-separated-values; charset=UTF-8";
    }
    if (f.startsWith("csv")) {
      return "text/csv; charset=UTF-8";
    }
    if (f.startsWith("rowbinary")
        || f.startsWith("native")
        || f.equals("parquet")
        || f.equals("arrow")) {
      return "application/octet-stream";
    }
    return "text/plain; charset=UTF-8";
  }

  private static String describe(
      HttpExchange exchange, HttpQuery query, IncomingStatement statement) {
    String sql;
    try {
      byte[] bytes = statement.sql();
      sql = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8);
    } catch (ClickHouseException e) {
      sql = "<" + e.getMessage() + ">";
    }
    return exchange.getRequestMethod()
        + " "
        + exchange.getRequestURI()
        + " db="
        + query.database()
        + " format="
        + query.format()
        + " settings="
        + query.settings()
        + " compress="
        + query.compress()
        + " sql="
        + sql.replace('\n', ' ');
  }
}
