package io.ccpulse.simulator.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void readsObjectsWithNumbersExactAsWrittenAndFieldsInOrder() {
    ObjectNode m =
        Json.readObject(
            " {\"a\": \"x\\\"y\\u00e9\", \"n\": -12.5e1, \"d\": 1.50, \"t\": true, \"z\": null,"
                + " \"l\": [1, \"b\", []], \"o\": {}} ");
    assertThat(m.get("a").textValue()).isEqualTo("x\"yé");
    assertThat(m.get("t").booleanValue()).isTrue();
    assertThat(m.get("z").isNull()).isTrue();
    assertThat(m.get("n").decimalValue()).isEqualTo(new BigDecimal("-12.5e1"));
    assertThat(m.get("d").decimalValue()).isEqualTo(new BigDecimal("1.50"));
    assertThat(m.get("l").toString()).isEqualTo("[1,\"b\",[]]");
    assertThat(m.fieldNames()).toIterable().containsExactly("a", "n", "d", "t", "z", "l", "o");
  }

  @Test
  void saysWhatIsWrongAndWhere() {
    assertThatThrownBy(() -> Json.readObject("{\"a\": 1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field name")
        .hasMessageEndingWith("at column 9");
    assertThatThrownBy(() -> Json.readObject("{\"a\": 1} {}"))
        .hasMessageContaining("Trailing token");
    assertThatThrownBy(() -> Json.readObject("{\"a\": 1} x")).hasMessageContaining("'x'");
    assertThatThrownBy(() -> Json.readObject("{\"a\": 1, \"a\": 2}"))
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> Json.readObject("{\"a\": \"abc"))
        .hasMessageContaining("closing quote");
    assertThatThrownBy(() -> Json.readObject("{\"a\": 01}")).hasMessageContaining("Leading zeroes");
    assertThatThrownBy(() -> Json.readObject("{\"a\": NaN}")).hasMessageContaining("'NaN'");
    assertThatThrownBy(() -> Json.readObject("{\"a\": \"x\ny\"}"))
        .hasMessageContaining("has to be escaped");
    assertThatThrownBy(() -> Json.readObject("{\"a\": " + "1".repeat(2_000) + "}"))
        .hasMessageContaining("Number value length (2000) exceeds the maximum allowed");
    assertThatThrownBy(() -> Json.readObject("[1]")).hasMessage("expected a JSON object, got [1]");
    assertThatThrownBy(() -> Json.readObject(" "))
        .hasMessage("expected a JSON object, got nothing");
  }

  @Test
  void writesOneLineOrIndentedAndReadsItBack() {
    ObjectNode o = Json.object();
    o.put("s", "a\"b\\c\nd\u0001");
    o.put("n", 1767600000000L);
    o.put("r", 0.25);
    o.putObject("o").put("k", 1);
    assertThat(Json.write(o))
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":1767600000000,\"r\":0.25,\"o\":{\"k\":1}}");
    assertThat(Json.writePretty(o))
        .isEqualTo(
            "{\n  \"s\": \"a\\\"b\\\\c\\nd\\u0001\",\n  \"n\": 1767600000000,\n  \"r\": 0.25,\n"
                + "  \"o\": {\n    \"k\": 1\n  }\n}\n");
    assertThat(Json.readObject(Json.write(o)).get("s").textValue()).isEqualTo("a\"b\\c\nd\u0001");
    assertThat(Json.readObject(Json.writePretty(o)).get("o").get("k").intValue()).isEqualTo(1);
  }
}
