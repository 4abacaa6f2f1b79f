package io.ccpulse.infra.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5: a local ClickHouse for tests. One server per test JVM (started on first use on a free
 * port, with a temporary data directory, stopped when the JVM exits), and a fresh database per test
 * class or test method, dropped afterwards.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension(); // one database per class
 *
 * &#64;Test
 * void writes() throws SQLException {
 *     try (Connection c = DriverManager.getConnection(CLICKHOUSE.jdbcUrl())) { ... }
 * }
 * </pre>
 *
 * Registered on an instance field instead, each test method gets its own database.
 */
public final class ClickHouseExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private String database;
  private boolean perMethod;

  @Override
  public void beforeAll(ExtensionContext context) {
    database = createDatabase();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (database == null) { // not registered statically: a database per method
      perMethod = true;
      database = createDatabase();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perMethod) {
      dropDatabase();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    dropDatabase();
  }

  /** The current test's database (ccpulse_test_...). */
  public String database() {
    if (database == null) {
      throw new IllegalStateException(
          "ClickHouseExtension is used outside a test (register it with @RegisterExtension)");
    }
    return database;
  }

  /** JDBC URL of the current test's database. */
  public String jdbcUrl() {
    return SharedServer.get().jdbcUrl(database());
  }

  /** The server's JDBC URL without a database, e.g. jdbc:clickhouse://127.0.0.1:41234 */
  public String serverJdbcUrl() {
    return SharedServer.get().jdbcUrl();
  }

  /** The server's HTTP interface, e.g. http://127.0.0.1:41234/ */
  public String httpUrl() {
    return SharedServer.get().httpUrl();
  }

  public ChdbProcess server() {
    return SharedServer.get();
  }

  /**
   * Runs a statement in the test's database over plain HTTP (for setup); returns the TSV output.
   */
  public String execute(String sql) {
    return execute(database(), sql);
  }

  private static String execute(String database, String sql) {
    String url =
        SharedServer.get().httpUrl()
            + "?database="
            + URLEncoder.encode(database, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response =
          SharedServer.HTTP.send(
              request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "ClickHouse refused `" + sql + "`: " + response.body().strip());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String createDatabase() {
    String name = "ccpulse_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("default", "CREATE DATABASE " + name);
    return name;
  }

  private void dropDatabase() {
    if (database != null) {
      execute("default", "DROP DATABASE IF EXISTS " + database);
      database = null;
      perMethod = false;
    }
  }

  /** The server shared by all tests of the JVM. */
  private static final class SharedServer {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ChdbProcess server;

    static synchronized ChdbProcess get() {
      if (server == null) {
        server = start();
      }
      return server;
    }

    private static ChdbProcess start() {
      try {
        // Under target/ when run by Maven (the log stays for a look after a failure), else in /tmp.
        Path target = Paths.get("target");
        Path base =
            Files.createTempDirectory(
                Files.isDirectory(target)
                    ? target
                    : Paths.get(System.getProperty("java.io.tmpdir")),
                "ccpulse-clickhouse-");
        Path dataDir = base.resolve("data");
        ChdbProcess process =
            ChdbProcess.builder()
                .dataDir(dataDir)
                .port(0)
                .logFile(base.resolve("server.log"))
                .debug(
                    Boolean.getBoolean("ccpulse.clickhouse.debug")) // -D...=true: log every request
                .start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      process.close();
                      deleteRecursively(dataDir);
                    },
                    "clickhouse-extension-stop"));
        return process;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the local ClickHouse: " + e.getMessage(), e);
      }
    }

    private static void deleteRecursively(Path dir) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // temporary test data
      }
    }
  }
}
