package io.ccpulse.simulator.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * JSON for the simulator's files (truth, fault summary) and the history import, with Jackson.
 *
 * <p>Reading is strict, since an import must report exactly where and why a line is wrong: one
 * value per text (nothing after it), no duplicate field, and numbers exact as written (a {@code
 * 1.50} stays {@code 1.50}, never a double). Writing depends on nothing but the value (field order
 * as put, {@code \n} line ends), so the same run writes the same bytes.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private static final ObjectWriter PRETTY =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private Json() {}

  /** A new, empty object (fields keep the order they are put in). */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Parses one JSON object spanning the whole text (surrounding whitespace allowed).
   *
   * @throws IllegalArgumentException saying what is wrong and at which column, or that the value is
   *     not an object
   */
  public static ObjectNode readObject(String text) {
    JsonNode value;
    try {
      value = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(e.getOriginalMessage() + where, e);
    }
    if (value instanceof ObjectNode object) {
      return object;
    }
    throw new IllegalArgumentException(
        "expected a JSON object, got " + (value.isMissingNode() ? "nothing" : value.toString()));
  }

  /** The value on one line, no spaces. */
  public static String write(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value indented two spaces a level, {@code "field": value}, ending with a newline. */
  public static String writePretty(JsonNode value) {
    try {
      return PRETTY.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
