package io.ccpulse.simulator.scenario;

import java.time.Duration;
import java.util.List;

/**
 * What the ground truth is computed for: the interval sizes (event-time tumbling windows aligned to
 * the epoch) of the interval figures, of those the sizes agents have rows at, the sizes of agent
 * time, and the thresholds of the service-level and short-abandon figures.
 */
public record TruthSettings(
    List<Duration> intervals,
    Duration serviceLevelThreshold,
    Duration shortAbandonThreshold,
    List<Duration> agentTimeIntervals,
    List<Duration> agentIntervals) {
  public static final List<Duration> DEFAULT_INTERVALS =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(15));

  /** As the job's metrics.agent-intervals default: agents' interval figures per quarter hour. */
  public static final List<Duration> DEFAULT_AGENT_INTERVALS = List.of(Duration.ofMinutes(15));

  /** As the job's metrics.agent-time-intervals default: a 1-minute agent-time row is opt-in. */
  public static final List<Duration> DEFAULT_AGENT_TIME_INTERVALS = List.of(Duration.ofMinutes(15));

  public static final Duration DEFAULT_SERVICE_LEVEL = Duration.ofSeconds(20);
  public static final Duration DEFAULT_SHORT_ABANDON = Duration.ofSeconds(5);

  public TruthSettings {
    intervals = checked(intervals);
    agentTimeIntervals = checked(agentTimeIntervals);
    agentIntervals = checked(agentIntervals);
    if (!intervals.containsAll(agentIntervals)) {
      throw new IllegalArgumentException(
          "the agents' interval sizes " + agentIntervals + " are not all of " + intervals);
    }
  }

  /** Agents' rows at every size of the interval figures. */
  public TruthSettings(
      List<Duration> intervals,
      Duration serviceLevelThreshold,
      Duration shortAbandonThreshold,
      List<Duration> agentTimeIntervals) {
    this(intervals, serviceLevelThreshold, shortAbandonThreshold, agentTimeIntervals, intervals);
  }

  /** Agent time and agents' rows in the same sizes as the interval figures. */
  public TruthSettings(
      List<Duration> intervals, Duration serviceLevelThreshold, Duration shortAbandonThreshold) {
    this(intervals, serviceLevelThreshold, shortAbandonThreshold, intervals, intervals);
  }

  private static List<Duration> checked(List<Duration> intervals) {
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("at least one interval size is needed");
    }
    for (Duration d : intervals) {
      if (d.toMillis() <= 0 || d.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException("interval sizes are whole positive seconds, not " + d);
      }
    }
    return intervals.stream().distinct().sorted().toList();
  }

  /**
   * The job's defaults: intervals of 1 and 15 minutes (agents' of 15), agent time of 15, service
   * level within 20 s, short abandons under 5 s.
   */
  public static TruthSettings defaults() {
    return new TruthSettings(
        DEFAULT_INTERVALS,
        DEFAULT_SERVICE_LEVEL,
        DEFAULT_SHORT_ABANDON,
        DEFAULT_AGENT_TIME_INTERVALS,
        DEFAULT_AGENT_INTERVALS);
  }

  /** The largest size of either kind. */
  public Duration largestInterval() {
    Duration a = intervals.get(intervals.size() - 1);
    Duration b = agentTimeIntervals.get(agentTimeIntervals.size() - 1);
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Every size of either kind, ascending. */
  public List<Duration> allIntervals() {
    return java.util.stream.Stream.concat(intervals.stream(), agentTimeIntervals.stream())
        .distinct()
        .sorted()
        .toList();
  }

  /** Other interval sizes, for agent time and agents' rows too. */
  public TruthSettings withIntervals(List<Duration> v) {
    return new TruthSettings(v, serviceLevelThreshold, shortAbandonThreshold);
  }

  public TruthSettings withAgentTimeIntervals(List<Duration> v) {
    return new TruthSettings(
        intervals, serviceLevelThreshold, shortAbandonThreshold, v, agentIntervals);
  }

  /** The sizes of {@link #intervals} agents have rows at. */
  public TruthSettings withAgentIntervals(List<Duration> v) {
    return new TruthSettings(
        intervals, serviceLevelThreshold, shortAbandonThreshold, agentTimeIntervals, v);
  }

  public TruthSettings withThresholds(Duration serviceLevel, Duration shortAbandon) {
    return new TruthSettings(
        intervals, serviceLevel, shortAbandon, agentTimeIntervals, agentIntervals);
  }
}
