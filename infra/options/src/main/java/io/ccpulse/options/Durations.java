package io.ccpulse.options;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar, for every configuration key and every command: one or more terms of a
 * number and a unit ({@code 500ms}, {@code 30s}, {@code 15min}, {@code 15m}, {@code 1h30m}, {@code
 * 1.5h}, {@code 2 hours}, {@code 7d}), or ISO-8601 ({@code PT8H}). The unit labels are Flink's own
 * ({@code TimeUtils.parseDuration}), so a value that works in a {@code flink.*} key works in ours.
 * A number without a unit is refused (Flink reads it as milliseconds, people often mean seconds),
 * except {@code 0}.
 */
public final class Durations {
  private static final Pattern TERM = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zµ]+)\\s*");
  private static final Map<String, Long> NANOS_PER_UNIT = units();

  private Durations() {}

  /** Parses {@code text}; {@code what} names the key or option in the error message. */
  public static Duration parse(String what, String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw bad(what, text);
      }
    }
    Matcher m = TERM.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (end < s.length() && m.find(end) && m.start() == end) {
      Long unit = NANOS_PER_UNIT.get(m.group(2));
      if (unit == null) {
        throw bad(what, text);
      }
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw bad(what, text);
    }
    try {
      return Duration.ofNanos(nanos.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          what + " must be a whole number of nanoseconds; got " + text);
    }
  }

  /** Comma-separated durations ({@code 1min,15min}); blank parts are skipped. */
  public static List<Duration> parseList(String what, String text) {
    List<Duration> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(what, part));
      }
    }
    return out;
  }

  private static IllegalArgumentException bad(String what, String text) {
    return new IllegalArgumentException(
        what
            + " must be a duration such as 500ms, 30s, 15min, 1h30m, 2h or 7d (or ISO-8601: PT8H);"
            + " got '"
            + text
            + "'");
  }

  private static Map<String, Long> units() {
    Map<String, Long> u = new HashMap<>();
    put(u, 1L, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
    put(u, 1_000L, "µs", "us", "micro", "micros", "microsecond", "microseconds");
    put(u, 1_000_000L, "ms", "milli", "millis", "millisecond", "milliseconds");
    put(u, 1_000_000_000L, "s", "sec", "secs", "second", "seconds");
    put(u, 60_000_000_000L, "m", "min", "minute", "minutes");
    put(u, 3_600_000_000_000L, "h", "hour", "hours");
    put(u, 86_400_000_000_000L, "d", "day", "days");
    return Map.copyOf(u);
  }

  private static void put(Map<String, Long> units, long nanos, String... labels) {
    for (String label : labels) {
      units.put(label, nanos);
    }
  }
}
