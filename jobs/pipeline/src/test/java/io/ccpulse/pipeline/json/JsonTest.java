package io.ccpulse.pipeline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
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

  @Test
  void aTimeReadsBackAsTheMillisecondItWasWrittenFrom() {
    Random random = new Random(7);
    long[] moments = new long[2_000];
    moments[0] = 0;
    moments[1] = -1_000; // 1969-12-31T23:59:59Z
    moments[2] = 951_782_400_000L; // 2000-02-29T00:00:00Z
    moments[3] = 1_767_600_000_123L;
    moments[4] = 253_402_300_799_999L; // 9999-12-31T23:59:59.999Z
    for (int i = 5; i < moments.length; i++) {
      moments[i] = random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
    }
    for (long at : moments) {
      String text = Json.time(at);
      assertThat(Json.parseTime(text)).as(text).isEqualTo(at);
      assertThat(Json.parseTime(text)).isEqualTo(Instant.parse(text).toEpochMilli());
    }
    // Other ISO-8601 instants are read as Instant.parse reads them; what is no time is refused.
    assertThat(Json.parseTime("2026-01-05T08:00:00.5Z")).isEqualTo(1_767_600_000_500L);
    assertThat(Json.parseTime("2026-01-05T24:00:00Z")).isEqualTo(1_767_657_600_000L); // next day
    assertThat(Json.parseTime("+10000-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli());
    for (String bad :
        new String[] {"2026-02-30T08:00:00Z", "2026-01-05T08:00:0xZ", "2026-13-05T08:00:00Z", ""}) {
      assertThatThrownBy(() -> Json.parseTime(bad)).as(bad).isInstanceOf(DateTimeException.class);
    }
  }
}
