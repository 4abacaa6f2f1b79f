package io.ccpulse.pipeline.alert;

/**
 * Where one rule stands for one queue: the alert open now, and a breach or recovery under way. A
 * Flink POJO.
 */
public class AlertState {
  /** The open alert's id, or null. */
  public String alertId;

  public long raisedAt;
  public double threshold;
  public String severity;

  /**
   * Since when the rule has breached (no alert open) or recovered (alert open); MIN_VALUE for not.
   */
  public long breachSince = Long.MIN_VALUE;

  public long recoveredSince = Long.MIN_VALUE;

  /**
   * Alerts of this rule raised on the queue so far: the ordinal in the next alert's id. Kept while
   * the queue is quiet.
   */
  public int raises;

  public AlertState() {}

  public boolean open() {
    return alertId != null;
  }
}
