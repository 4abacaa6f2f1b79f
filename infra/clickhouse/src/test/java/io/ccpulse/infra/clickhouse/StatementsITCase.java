package io.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Errors, awkward data and per-request state, through the driver and over plain HTTP. */
class StatementsITCase {

  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Each would break a naive "append the data to the SQL" in chDB's multi-statement mode. */
  private static final List<String> AWKWARD =
      List.of(
          "a\n\nb",
          "\n\n\n",
          "x;\n\nDROP TABLE texts;",
          "it's \"quoted\" `back`",
          "back\\slash\\n",
          "\t\r\n",
          "",
          "-- not a comment",
          "/* nor this */",
          "ünïcødé ✓",
          "VALUES (1)\n\nFORMAT TSV");

  @Test
  void invalidQueryCarriesClickHouseErrorCode() throws SQLException {
    try (Connection connection = DriverManager.getConnection(clickhouse.jdbcUrl());
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery("SELECT 1 +"))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                assertThat(e.getErrorCode()).isEqualTo(62);
                assertThat(e.getMessage()).contains("Syntax error").contains("SYNTAX_ERROR");
              });
      assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                assertThat(e.getErrorCode()).isEqualTo(60);
                assertThat(e.getMessage()).contains("UNKNOWN_TABLE");
              });
      // The connection is still good after errors.
      try (ResultSet rs = statement.executeQuery("SELECT 42")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void blankLinesAndQuotesInsideDataAreStoredByteExact() throws SQLException {
    try (Connection connection = DriverManager.getConnection(clickhouse.jdbcUrl())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE texts (id UInt32, s String) ENGINE = MergeTree ORDER BY id");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO texts VALUES (?, ?)")) {
        for (int i = 0; i < AWKWARD.size(); i++) {
          insert.setInt(1, i);
          insert.setString(2, AWKWARD.get(i));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (Statement statement = connection.createStatement()) {
        // A literal INSERT sent as plain SQL, blank lines inside the string.
        statement.executeUpdate("INSERT INTO texts VALUES (100, 'a\n\nb;\n\nSELECT 1')");
      }
      List<String> stored = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT s FROM texts WHERE id < 100 ORDER BY id")) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
      assertThat(stored).containsExactlyElementsOf(AWKWARD);
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT s FROM texts WHERE id = 100")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("a\n\nb;\n\nSELECT 1");
      }
    }
  }

  @Test
  void httpInsertWithQueryParameterAndBodyIsByteExact() throws Exception {
    clickhouse.execute("CREATE TABLE raw (s String) ENGINE = MergeTree ORDER BY tuple()");
    // ClickHouse: the query parameter, a newline, then the body.
    String body = "a\\n\\nb\n\n\nlast;\n";
    HttpResponse<String> insert = post("?query=" + encode("INSERT INTO raw FORMAT TSV"), body);
    assertThat(insert.statusCode()).isEqualTo(200);
    assertThat(insert.headers().firstValue("X-ClickHouse-Summary").orElseThrow())
        .contains("\"written_rows\":\"4\"");
    assertThat(clickhouse.execute("SELECT count(), countIf(s = '') FROM raw")).isEqualTo("4\t2\n");
    assertThat(clickhouse.execute("SELECT s FROM raw WHERE s != '' ORDER BY s FORMAT TSVRaw"))
        .isEqualTo("a\n\nb\nlast;\n");
  }

  @Test
  void settingsApplyToOneRequestOnly() throws Exception {
    HttpResponse<String> limited =
        post("?max_result_rows=1&result_overflow_mode=throw", "SELECT number FROM numbers(10)");
    assertThat(limited.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(limited.headers().firstValue("X-ClickHouse-Exception-Code"))
        .hasValue("396"); // TOO_MANY_ROWS_OR_BYTES
    HttpResponse<String> after = post("", "SELECT count() FROM numbers(10)");
    assertThat(after.body()).isEqualTo("10\n");
    // SET in a request is as ephemeral as over ClickHouse's HTTP interface without a session.
    assertThat(post("", "SET max_result_rows = 1").statusCode()).isEqualTo(200);
    assertThat(post("", "SELECT number FROM numbers(3) FORMAT CSV").body()).isEqualTo("0\n1\n2\n");
    assertThat(post("?session_timezone=Asia/Tokyo", "SELECT timezone()").body())
        .isEqualTo("Asia/Tokyo\n");
    assertThat(post("", "SELECT timezone()").body()).isEqualTo("UTC\n");
  }

  @Test
  void queryParametersAreBound() throws Exception {
    HttpResponse<String> response =
        post(
            "?param_name=" + encode("o'brien\\ttab") + "&param_n=41",
            "SELECT {name:String}, {n:UInt8} + 1");
    assertThat(response.body()).isEqualTo("o\\'brien\\ttab\t42\n");
  }

  @Test
  void multiStatementsAreRefusedAndDropSyncDoesNotHang() throws Exception {
    HttpResponse<String> multi = post("", "SELECT 1; SELECT 2");
    assertThat(multi.statusCode()).isEqualTo(400);
    assertThat(multi.body()).contains("Multi-statements are not allowed");
    assertThat(post("", "SELECT 1;\n-- trailing comment\n").body()).isEqualTo("1\n");

    clickhouse.execute("CREATE TABLE doomed (a UInt8) ENGINE = MergeTree ORDER BY a");
    clickhouse.execute("DROP TABLE doomed SYNC"); // hangs chDB 26.5 if passed through
    assertThat(clickhouse.execute("EXISTS TABLE doomed")).isEqualTo("0\n");
  }

  private HttpResponse<String> post(String query, String body)
      throws IOException, InterruptedException {
    String separator = query.isEmpty() ? "?" : "&";
    URI uri =
        URI.create(clickhouse.httpUrl() + query + separator + "database=" + clickhouse.database());
    return HTTP.send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
