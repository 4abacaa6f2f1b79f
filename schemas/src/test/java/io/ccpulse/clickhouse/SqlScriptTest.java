package io.ccpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsOnSemicolonsOutsideQuotesAndComments() {
    String script =
        "-- a comment; with a semicolon\n"
            + "CREATE TABLE a (x String DEFAULT ';') ENGINE = Memory;\n"
            + "/* block; comment */ CREATE VIEW v AS SELECT 'it''s; fine', \"we;ird\", `odd;name` FROM a;\n"
            + "SELECT 'back\\'slash;'\n";
    assertThat(SqlScript.statements(script))
        .containsExactly(
            "CREATE TABLE a (x String DEFAULT ';') ENGINE = Memory",
            "CREATE VIEW v AS SELECT 'it''s; fine', \"we;ird\", `odd;name` FROM a",
            "SELECT 'back\\'slash;'");
  }

  @Test
  void ignoresEmptyStatementsAndTrailingComments() {
    assertThat(SqlScript.statements(";;\n  ;\n-- only a comment\n")).isEmpty();
    assertThat(SqlScript.statements("SELECT 1;\n-- trailing")).containsExactly("SELECT 1");
  }

  @Test
  void reportsAnUnclosedQuote() {
    assertThatThrownBy(() -> SqlScript.statements("SELECT 'oops;"))
        .hasMessageContaining("Unclosed ' quote starting at offset 7");
  }
}
