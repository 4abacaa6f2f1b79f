package io.ccpulse.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the value formats the command line and scenario files accept. */
public final class Values {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private Values() {}

  /**
   * A duration: ISO-8601 ({@code PT8H}) or compact units ({@code 90s}, {@code 15m}, {@code 1h30m},
   * {@code 250ms}, {@code 2d}). A bare number is seconds.
   */
  public static Duration duration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("bad duration '" + text + "'");
      }
    }
    if (s.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    }
    Matcher m = DURATION_PART.matcher(s);
    long millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      millis +=
          Math.round(
              n
                  * switch (m.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    case "m" -> 60_000;
                    case "h" -> 3_600_000;
                    default -> 86_400_000;
                  });
      end = m.end();
    }
    if (end != s.length() || s.isEmpty()) {
      throw new IllegalArgumentException(
          "bad duration '" + text + "' (e.g. 90s, 15m, 1h30m, PT8H)");
    }
    return Duration.ofMillis(millis);
  }

  /**
   * An instant: ISO-8601 with offset ({@code 2026-01-05T08:00:00Z}), a date (midnight UTC), or
   * {@code now} (the current minute: for live runs with {@code --speed}; not reproducible).
   */
  public static Instant instant(String text) {
    String s = text.trim();
    if (s.equals("now")) {
      return Instant.now().truncatedTo(ChronoUnit.MINUTES);
    }
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "bad time '" + text + "' (ISO-8601, e.g. 2026-01-05T08:00:00Z)");
    }
  }

  /** A rate per minute: {@code 12}, {@code 12/min}, {@code 0.2/s}, {@code 720/h}. */
  public static double ratePerMinute(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    double factor = 1;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      factor =
          switch (s.substring(slash + 1)) {
            case "s", "sec" -> 60;
            case "m", "min" -> 1;
            case "h", "hour" -> 1.0 / 60;
            default ->
                throw new IllegalArgumentException(
                    "bad rate unit in '" + text + "' (/s, /min, /h)");
          };
      s = s.substring(0, slash);
    }
    double v = number(s);
    if (v <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + text);
    }
    return v * factor;
  }

  /** A probability in [0, 1]. */
  public static double probability(String text) {
    double v = number(text);
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException("expected a probability in [0, 1], got " + text);
    }
    return v;
  }

  public static double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, got '" + text + "'");
    }
  }

  public static int positiveInt(String text) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v < 1) {
        throw new IllegalArgumentException("expected a positive integer, got " + text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected an integer, got '" + text + "'");
    }
  }

  /**
   * Interval sizes, comma-separated: bare numbers are seconds ({@code 60,900}) or durations ({@code
   * 1m,15m}).
   */
  public static List<Duration> intervals(String text) {
    List<Duration> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(duration(part));
      }
    }
    return out;
  }
}
