package io.ccpulse.infra.clickhouse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.infra.clickhouse.engine.ClickHouseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpQueryTest {

  private static HttpQuery parse(String method, String rawQuery, Map<String, String> headers)
      throws ClickHouseException {
    return HttpQuery.parse(method, rawQuery, headers::get);
  }

  @Test
  void whatTheJdbcDriverSends() throws ClickHouseException {
    // Captured from clickhouse-jdbc 0.9.8.
    HttpQuery q =
        parse(
            "POST",
            "query_id=8f1c&compress=1&async_insert=0&wait_end_of_query=0",
            Map.of(
                "X-ClickHouse-Database",
                "ccpulse",
                "X-ClickHouse-Format",
                "RowBinaryWithNamesAndTypes"));
    assertThat(q.sqlParameter()).isNull();
    assertThat(q.database()).isEqualTo("ccpulse");
    assertThat(q.format()).isEqualTo("RowBinaryWithNamesAndTypes");
    assertThat(q.settings())
        .containsExactly(Map.entry("async_insert", "0")); // wait_end_of_query dropped
    assertThat(q.compress()).isTrue();
    assertThat(q.decompress()).isFalse();
    assertThat(q.readOnly()).isFalse();
    assertThat(q.queryId()).isEqualTo("8f1c");
  }

  @Test
  void interfaceParametersAreNotSettings() throws ClickHouseException {
    HttpQuery q =
        parse(
            "POST",
            "query=SELECT+1&database=db&default_format=JSON&user=u&password=p&session_id=s"
                + "&decompress=1&max_threads=2&http_headers_progress_interval_ms=5&param_x=%27a%27&role=r&date_time_input_format=best_effort",
            Map.of());
    assertThat(q.sqlParameter()).isEqualTo("SELECT 1");
    assertThat(q.database()).isEqualTo("db");
    assertThat(q.format()).isEqualTo("JSON");
    assertThat(q.decompress()).isTrue();
    assertThat(q.settings())
        .containsExactly(
            Map.entry("max_threads", "2"), Map.entry("date_time_input_format", "best_effort"));
    assertThat(q.parameters()).containsExactly(Map.entry("x", "'a'"));
  }

  @Test
  void headersWinOverParametersAndDefaultsApply() throws ClickHouseException {
    HttpQuery q =
        parse(
            "POST",
            "database=fromParam&default_format=CSV",
            Map.of(
                "X-ClickHouse-Database",
                "fromHeader",
                "X-ClickHouse-Format",
                "TSV",
                "X-ClickHouse-Query-Id",
                "qid"));
    assertThat(q.database()).isEqualTo("fromHeader");
    assertThat(q.format()).isEqualTo("TSV");
    assertThat(q.queryId()).isEqualTo("qid");

    HttpQuery defaults = parse("POST", null, Map.of());
    assertThat(defaults.database()).isEqualTo("default");
    assertThat(defaults.format()).isEqualTo("TabSeparated");
    assertThat(defaults.queryId()).isNotEmpty();
    assertThat(defaults.settings()).isEmpty();
  }

  @Test
  void getAndReadonlyAreReadOnly() throws ClickHouseException {
    assertThat(parse("GET", "query=SELECT%201", Map.of()).readOnly()).isTrue();
    assertThat(parse("POST", "readonly=1", Map.of()).readOnly()).isTrue();
    assertThat(parse("POST", "readonly=1", Map.of()).settings())
        .isEmpty(); // never SET on the shared connection
    assertThat(parse("POST", "readonly=0", Map.of()).readOnly()).isFalse();
  }

  @Test
  void decodingAndInvalidSettingNames() throws ClickHouseException {
    assertThat(HttpQuery.decodeParameters("a=1&b=x%20y+z&c&=&a=2"))
        .containsExactly(
            Map.entry("a", "2"), Map.entry("b", "x y z"), Map.entry("c", ""), Map.entry("", ""));
    assertThatThrownBy(() -> parse("POST", "max_threads%3D1%2C%20readonly=1", Map.of()))
        .isInstanceOfSatisfying(
            ClickHouseException.class, e -> assertThat(e.code()).isEqualTo(115));
    // A setting that would make DROP wait forever in chDB is ignored.
    assertThat(
            parse("POST", "database_atomic_wait_for_drop_and_detach_synchronously=1", Map.of())
                .settings())
        .isEmpty();
  }
}
