package io.ccpulse.local.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {
  private static final Instant FROM = Instant.parse("2026-01-05T08:00:00Z");
  private static final Instant TO = Instant.parse("2026-01-05T12:00:00Z");

  @Test
  void macrosExpandAsTheClickHousePluginExpandsThem() {
    // As grafana/clickhouse-datasource pkg/macros writes them: seconds, toDateTime, >= and <=.
    assertThat(
            GrafanaMacros.expand(
                "SELECT $__timeInterval(at) AS time FROM t WHERE $__timeFilter(at) AND x < $__interval_s",
                FROM,
                TO,
                Duration.ofSeconds(90),
                Map.of()))
        .isEqualTo(
            "SELECT toStartOfInterval(toDateTime(at), INTERVAL 90 second) AS time FROM t WHERE at >="
                + " toDateTime(1767600000) AND at <= toDateTime(1767614400) AND x < 90");
  }

  @Test
  void variablesBecomeQuotedListsAndUnknownOnesFail() {
    assertThat(
            GrafanaMacros.expand(
                "q IN (${queue:singlequote})",
                FROM,
                TO,
                Duration.ofMinutes(1),
                Map.of("queue", List.of("a", "o'b"))))
        .isEqualTo("q IN ('a','o\\'b')");
    assertThatThrownBy(
            () ->
                GrafanaMacros.expand(
                    "${tenant:singlequote}", FROM, TO, Duration.ofMinutes(1), Map.of()))
        .hasMessageContaining("tenant");
    assertThatThrownBy(
            () ->
                GrafanaMacros.expand(
                    "$__timeFilter(coalesce(a, b))", FROM, TO, Duration.ofMinutes(1), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
