package io.ccpulse.local.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Order statistics over a handful of numbers; nearest-rank, so every figure is one that was
 * measured.
 */
final class Figures {
  private final double[] sorted;

  Figures(List<? extends Number> values) {
    this.sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
  }

  int count() {
    return sorted.length;
  }

  /** The lower median for an even count (a measured value, not an average of two). */
  double median() {
    return percentile(50);
  }

  /** Nearest rank: the smallest value with at least p % of the values at or below it. */
  double percentile(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double min() {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }

  double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  static String thousands(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static String seconds(double millis) {
    return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }

  /** "a · b · c" in the order measured, for the table of rounds. */
  static String joined(
      List<? extends Number> values, java.util.function.DoubleFunction<String> format) {
    return values.stream()
        .map(v -> format.apply(v.doubleValue()))
        .collect(Collectors.joining(" · "));
  }

  @Override
  public String toString() {
    return Arrays.toString(sorted);
  }
}
