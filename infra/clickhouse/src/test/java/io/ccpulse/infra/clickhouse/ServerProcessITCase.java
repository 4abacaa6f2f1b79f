package io.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process itself: the plain HTTP endpoints, the data path lock, restart with data kept.
 */
class ServerProcessITCase {

  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void pingAndCurlStyleGet() throws Exception {
    HttpResponse<String> ping = get("ping");
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("Ok.\n");

    HttpResponse<String> version = get("?query=SELECT%20version()");
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.body()).matches("26\\.\\d+\\.\\d+\\.\\d+\n");
    assertThat(version.headers().firstValue("X-ClickHouse-Timezone")).hasValue("UTC");

    // GET is read-only, as on ClickHouse.
    HttpResponse<String> create = get("?query=CREATE%20TABLE%20t%20(a%20UInt8)%20ENGINE%3DMemory");
    assertThat(create.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(create.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("164");
  }

  @Test
  void secondServerOnTheSameDataPathFailsClearly() {
    Path dataDir = CLICKHOUSE.server().dataDir();
    assertThatThrownBy(
            () ->
                ChdbProcess.builder()
                    .dataDir(dataDir)
                    .port(0)
                    .logFile(dataDir.resolveSibling("second-server.log"))
                    .startupTimeout(Duration.ofSeconds(60))
                    .start())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot lock file " + dataDir.resolve("status"))
        .hasMessageContaining("another ClickHouse (chDB) server probably runs on it")
        .hasMessageContaining("data path is in use");
    // The first server is unharmed.
    assertThat(ChdbProcess.ping(CLICKHOUSE.server().host(), CLICKHOUSE.server().port())).isTrue();
  }

  @Test
  void dataSurvivesARestart(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("data");
    try (ChdbProcess server = ChdbProcess.start(dataDir, 0)) {
      try (Connection connection = DriverManager.getConnection(server.jdbcUrl("default"));
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE kept");
        statement.execute("CREATE TABLE kept.t (a UInt32) ENGINE = MergeTree ORDER BY a");
        statement.executeUpdate("INSERT INTO kept.t VALUES (1), (2), (3)");
      }
    }
    assertThat(Files.readString(dir.resolve("data.log"), StandardCharsets.UTF_8))
        .contains("listening on http://127.0.0.1:");
    try (ChdbProcess server = ChdbProcess.start(dataDir, 0);
        Connection connection = DriverManager.getConnection(server.jdbcUrl("kept"));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT sum(a) FROM t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(6);
    }
  }

  private static HttpResponse<String> get(String pathAndQuery)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(CLICKHOUSE.httpUrl() + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
