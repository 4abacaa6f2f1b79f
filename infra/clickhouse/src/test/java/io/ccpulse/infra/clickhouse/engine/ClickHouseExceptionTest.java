package io.ccpulse.infra.clickhouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickHouseExceptionTest {

  @Test
  void codeComesFromChdbText() {
    ClickHouseException e =
        ClickHouseException.fromChdb(
            "Code: 60. DB::Exception: Unknown table expression identifier 'x' in scope SELECT * FROM x. (UNKNOWN_TABLE)\n");
    assertThat(e.code()).isEqualTo(60);
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.body())
        .isEqualTo(
            "Code: 60. DB::Exception: Unknown table expression identifier 'x' in scope SELECT * FROM x. (UNKNOWN_TABLE)\n");
  }

  @Test
  void unknownTextGetsUnknownException() {
    assertThat(ClickHouseException.parseCode("std::exception. Code: 1001, type: std::bad_alloc"))
        .isEqualTo(1001);
    assertThat(ClickHouseException.parseCode("something odd")).isEqualTo(1002);
    assertThat(ClickHouseException.parseCode("Code: 99999999999999. x")).isEqualTo(1002);
  }

  @Test
  void ownMessagesGetTheClickHouseForm() {
    ClickHouseException e =
        new ClickHouseException(62, "Multi-statements are not allowed. (SYNTAX_ERROR)");
    assertThat(e.body())
        .isEqualTo("Code: 62. DB::Exception: Multi-statements are not allowed. (SYNTAX_ERROR)\n");
  }

  @Test
  void statusesFollowClickHouse() {
    assertThat(ClickHouseException.httpStatus(62)).isEqualTo(400); // SYNTAX_ERROR
    assertThat(ClickHouseException.httpStatus(47)).isEqualTo(404); // UNKNOWN_IDENTIFIER
    assertThat(ClickHouseException.httpStatus(81)).isEqualTo(404); // UNKNOWN_DATABASE
    assertThat(ClickHouseException.httpStatus(497)).isEqualTo(403); // ACCESS_DENIED
    assertThat(ClickHouseException.httpStatus(194)).isEqualTo(401); // REQUIRED_PASSWORD
    assertThat(ClickHouseException.httpStatus(229)).isEqualTo(413); // QUERY_IS_TOO_LARGE
    assertThat(ClickHouseException.httpStatus(396)).isEqualTo(500); // TOO_MANY_ROWS_OR_BYTES
  }
}
