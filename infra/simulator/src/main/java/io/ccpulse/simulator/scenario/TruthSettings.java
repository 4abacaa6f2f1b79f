package io.ccpulse.simulator.scenario;

import java.time.Duration;
import java.util.List;

/**
 * What the ground truth is computed for: the interval sizes (event-time tumbling windows aligned to
 * the epoch) and the thresholds of the service-level and short-abandon figures.
 */
public record TruthSettings(
    List<Duration> intervals, Duration serviceLevelThreshold, Duration shortAbandonThreshold) {
  public static final List<Duration> DEFAULT_INTERVALS =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(15));
  public static final Duration DEFAULT_SERVICE_LEVEL = Duration.ofSeconds(20);
  public static final Duration DEFAULT_SHORT_ABANDON = Duration.ofSeconds(5);

  public TruthSettings {
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("at least one interval size is needed");
    }
    for (Duration d : intervals) {
      if (d.toMillis() <= 0 || d.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException("interval sizes are whole positive seconds, not " + d);
      }
    }
    intervals = intervals.stream().distinct().sorted().toList();
  }

  /** 1 and 15 minutes, service level within 20 s, short abandons under 5 s. */
  public static TruthSettings defaults() {
    return new TruthSettings(DEFAULT_INTERVALS, DEFAULT_SERVICE_LEVEL, DEFAULT_SHORT_ABANDON);
  }

  public Duration largestInterval() {
    return intervals.get(intervals.size() - 1);
  }

  public TruthSettings withIntervals(List<Duration> v) {
    return new TruthSettings(v, serviceLevelThreshold, shortAbandonThreshold);
  }
}
