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

  /** A number for {@link ObjectNode#put(String, Double)}: NaN and infinities become null. */
  public static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
