package io.ccpulse.simulator.scenario;

import io.ccpulse.options.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Parsing of the value formats the command line and scenario files accept. */
public final class Values {

  private Values() {}

  /** A duration in the one grammar of every ccpulse command and key ({@link Durations}). */
  public static Duration duration(String text) {
    return Durations.parse("the value", text);
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

  /** Interval sizes, comma-separated durations ({@code 1min,15min}). */
  public static List<Duration> intervals(String text) {
    return Durations.parseList("the value", text);
  }
}
