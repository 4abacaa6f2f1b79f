package io.ccpulse.pipeline.json;

import java.time.Instant;

/** The few JSON pieces the job's Kafka messages need, without a JSON library in the job jar. */
public final class JsonText {
  private JsonText() {}

  /** A JSON string literal; null becomes {@code null}. */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** An ISO-8601 UTC time as a JSON string. */
  public static String time(long epochMillis) {
    return quote(Instant.ofEpochMilli(epochMillis).toString());
  }

  /** A number; NaN and infinities (no JSON form) become {@code null}. */
  public static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }
}
