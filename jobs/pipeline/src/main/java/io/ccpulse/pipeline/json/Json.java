package io.ccpulse.pipeline.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The job's JSON writer (Jackson), for every Kafka message and the dead letter's row text: an
 * object is built field by field ({@link #object()}, in the order the fields are put) and written
 * with {@link #write}. Times are ISO-8601 UTC strings ({@link #time}), numbers as Java prints them
 * ({@code 120.0}, {@code 75250}; a {@link java.math.BigDecimal} keeps its scale), a number with no
 * JSON form is {@code null} ({@link #number}).
 *
 * <p>The mapper is static and shared (it is thread-safe once built): operators and serialization
 * schemas hold no mapper of their own, so nothing non-serializable travels in the job graph.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

  private Json() {}

  /** A new, empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A new, empty array. */
  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** The value as compact JSON text (no spaces, no newline). */
  public static String write(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A time as its ISO-8601 UTC text, e.g. {@code 2026-01-05T08:00:00.123Z}. */
  public static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /**
   * The time {@link #time} wrote, in epoch milliseconds. Its two shapes ({@code
   * 2026-01-05T08:00:00Z}, {@code 2026-01-05T08:00:00.123Z}) are read digit by digit, a tenth of
   * what {@link Instant#parse} costs (the metrics job reads one per queue-health snapshot); any
   * other ISO-8601 instant goes to {@link Instant#parse}.
   */
  public static long parseTime(String text) {
    int n = text.length();
    if ((n == 20 || n == 24)
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(n - 1) == 'Z'
        && (n == 20 || text.charAt(19) == '.')) {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 2);
      int day = digits(text, 8, 2);
      int hour = digits(text, 11, 2);
      int minute = digits(text, 14, 2);
      int second = digits(text, 17, 2);
      int millis = n == 24 ? digits(text, 20, 3) : 0;
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= 28 + 3 // checked exactly by LocalDate below
          && hour >= 0
          && hour <= 23
          && minute >= 0
          && minute <= 59
          && second >= 0
          && second <= 59
          && millis >= 0) {
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
      }
    }
    return Instant.parse(text).toEpochMilli();
  }

  /** The decimal number in {@code count} characters from {@code from}; -1 if one is no digit. */
  private static int digits(String text, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** A number for {@link ObjectNode#put(String, Double)}: NaN and infinities become null. */
  public static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
