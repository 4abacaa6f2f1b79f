package io.ccpulse.infra.clickhouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQL the engine wraps around a request (no chDB needed). */
class ChdbEngineTest {

  @Test
  void settingsAreQuotedAsStringsAndResetToTheBaseline() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("max_threads", "2");
    settings.put("format_csv_delimiter", "'; DROP TABLE x; --\\");
    assertThat(ChdbEngine.setStatement(settings, false))
        .isEqualTo("SET max_threads = '2', format_csv_delimiter = '\\'; DROP TABLE x; --\\\\'");
    assertThat(ChdbEngine.BASELINE)
        .containsEntry("session_timezone", "'UTC'")
        .containsEntry("implicit_select", "0");
  }

  @Test
  void identifiersAreBackquoted() {
    assertThat(ChdbEngine.quoteIdentifier("ccpulse")).isEqualTo("`ccpulse`");
    assertThat(ChdbEngine.quoteIdentifier("we`ird\\")).isEqualTo("`we\\`ird\\\\`");
  }
}
