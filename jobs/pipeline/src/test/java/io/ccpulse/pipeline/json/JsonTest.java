package io.ccpulse.pipeline.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The one writer of the job's JSON: what consumers of the messages rely on. */
class JsonTest {
  @Test
  void fieldsInOrderStringsEscapedNumbersAsJavaPrintsThem() {
    String json =
        Json.write(
            Json.object()
                .put("s", "a\"b\\c\nd\u0001é")
                .put("none", (String) null)
                .put("n", 75_250L)
                .put("d", 120.0)
                .put("nan", Json.number(Double.NaN))
                .put("inf", Json.number(Double.POSITIVE_INFINITY))
                .put("rate", Json.number(0.1875))
                .put("scaled", new BigDecimal("0.9500"))
                .put("at", Json.time(1_767_600_000_123L)));
    assertThat(json)
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\nd\\u0001é\",\"none\":null,\"n\":75250,\"d\":120.0,\"nan\":null,"
                + "\"inf\":null,\"rate\":0.1875,\"scaled\":0.9500,\"at\":\"2026-01-05T08:00:00.123Z\"}");
  }

  @Test
  void arraysOfObjects() {
    var array = Json.array();
    array.addObject().put("k", 1);
    assertThat(Json.write(array)).isEqualTo("[{\"k\":1}]");
    assertThat(Json.write(Json.array())).isEqualTo("[]");
  }
}
