package io.ccpulse.local.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The live page of {@code make stack}: on 127.0.0.1 only, {@code /} serves the page and {@code
 * /data} the current queue health and alerts, read from ClickHouse with the live dashboard's own
 * queries (nothing else can be asked: no SQL comes in). Same origin, so the page needs no CORS.
 */
public final class LivePage implements AutoCloseable {
  public static final int DEFAULT_PORT = 8090;

  private final HttpServer server;
  private final ExecutorService executor;

  private LivePage(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Serves the page on {@code port} (0: any free one); it refreshes every {@code refresh} and shows
   * the last {@code window} of event time.
   */
  public static LivePage start(
      ClickHouseEndpoint endpoint, int port, Duration window, Duration refresh) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    byte[] page = Page.live("data", refresh).getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        ex -> {
          if (!ex.getRequestURI().getPath().equals("/")) {
            send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
          } else {
            send(ex, 200, "text/html; charset=utf-8", page);
          }
        });
    server.createContext(
        "/data",
        ex -> {
          byte[] body;
          int status;
          try (Connection c = endpoint.open()) {
            body = Page.json(Views.live(c, window)).getBytes(StandardCharsets.UTF_8);
            status = 200;
          } catch (Exception e) {
            body = ("ClickHouse: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
            status = 503;
          }
          send(ex, status, status == 200 ? "application/json" : "text/plain", body);
        });
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "live-page");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new LivePage(server, executor);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
