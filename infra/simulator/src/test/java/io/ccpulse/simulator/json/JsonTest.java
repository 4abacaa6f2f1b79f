package io.ccpulse.simulator.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesObjectsArraysAndScalars() {
    Map<String, Object> m =
        Json.parseObject(
            " {\"a\": \"x\\\"y\\u00e9\", \"n\": -12.5e1, \"t\": true, \"z\": null, \"l\": [1, \"b\", []], \"o\": {}} ");
    assertThat(m)
        .containsEntry("a", "x\"yé")
        .containsEntry("t", Boolean.TRUE)
        .containsEntry("z", Json.NULL);
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-12.5e1"));
    assertThat(m.get("l")).isEqualTo(List.of(new BigDecimal("1"), "b", List.of()));
    assertThat(m.keySet()).containsExactly("a", "n", "t", "z", "l", "o");
  }

  @Test
  void reportsWhereItStopped() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("column 9");
    assertThatThrownBy(() -> Json.parse("{\"a\": 1} x"))
        .hasMessageContaining("unexpected text after the value");
    assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}"))
        .hasMessageContaining("duplicate field \"a\"");
    assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> Json.parse("01x")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .hasMessageContaining("expected a JSON object");
  }

  @Test
  void quotesStrings() {
    StringBuilder sb = new StringBuilder();
    Json.quote(sb, "a\"b\\c\nd\u0001");
    assertThat(sb.toString()).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    assertThat(Json.parse(sb.toString())).isEqualTo("a\"b\\c\nd\u0001");
  }
}
