package io.ccpulse.pipeline.burnout;

/**
 * The burnout-risk indicators. Each is judged against its threshold; the configuration key of its
 * threshold and weight is {@code burnout.<key>.threshold} and {@code burnout.<key>.weight}.
 */
public enum Factor {
  /** Occupancy over the last {@code burnout.occupancy.window}, a fraction. */
  OCCUPANCY_ROLLING("occupancy.rolling", "occupancy_rolling"),
  /** Occupancy over the whole shift so far, a fraction. */
  OCCUPANCY_SHIFT("occupancy.shift", "occupancy_shift"),
  /** Time logged in this shift, hours. */
  LOGGED_IN("logged-in", "logged_in_h"),
  /** Time since the last break or meal (or the shift start), hours. */
  SINCE_BREAK("since-break", "since_break_h"),
  /** Breaks expected by policy minus breaks taken. */
  BREAKS_MISSED("breaks-missed", "breaks_missed"),
  /** Longest run of contacts back to back this shift. */
  BACK_TO_BACK("back-to-back", "back_to_back"),
  /** Share of demanding contacts (long, transferred, CSAT ≤ 2) this shift, a fraction. */
  DEMANDING_SHARE("demanding", "demanding_share"),
  /** Handle time against the agent's own baseline: +0.4 is 40 % above, -0.3 is 30 % below. */
  HANDLE_DRIFT("handle-drift", "handle_drift"),
  /** Mean open contacts while busy against the agent's usual, as a ratio. */
  CONCURRENCY("concurrency", "concurrency_ratio");

  /** The part of the configuration keys after {@code burnout.}. */
  public final String key;

  /** The name in output (ClickHouse column, JSON). */
  public final String column;

  Factor(String key, String column) {
    this.key = key;
    this.column = column;
  }

  /** Over the threshold: above it, or for drift (which counts both ways) beyond it either side. */
  boolean over(double value, double threshold) {
    if (Double.isNaN(value)) {
      return false;
    }
    return this == HANDLE_DRIFT ? Math.abs(value) > threshold : value > threshold;
  }
}
