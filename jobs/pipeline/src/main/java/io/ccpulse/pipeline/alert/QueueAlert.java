package io.ccpulse.pipeline.alert;

import static io.ccpulse.pipeline.json.Json.number;
import static io.ccpulse.pipeline.json.Json.time;

import io.ccpulse.pipeline.json.Json;

/**
 * An alert raised or cleared: one message per raise and one per clear, with the same id. The
 * message of queue_alerts and of the Kafka topic (docs/queue-health.md).
 */
public class QueueAlert {
  public enum Status {
    RAISED,
    CLEARED
  }

  public String alertId;
  public String tenantId;
  public String queueId;
  public AlertRule rule;
  public String severity;
  public Status status;

  /** The measured value when raised (or cleared), and the threshold it was judged against. */
  public double value;

  public double threshold;
  public long raisedAt;

  /** When cleared; MIN_VALUE while open. */
  public long clearedAt = Long.MIN_VALUE;

  public QueueAlert() {}

  /** The event time of this message: the raise or the clear. */
  public long at() {
    return status == Status.CLEARED ? clearedAt : raisedAt;
  }

  /** Kafka key: one queue's alerts stay in order on one partition. */
  public String queueKey() {
    return tenantId + "/" + queueId;
  }

  public String toJson() {
    return Json.write(
        Json.object()
            .put("alert_id", alertId)
            .put("status", status.name())
            .put("rule", rule.key())
            .put("severity", severity)
            .put("tenant_id", tenantId)
            .put("queue_id", queueId)
            .put("value", number(value))
            .put("threshold", number(threshold))
            .put("unit", rule.unit())
            .put("raised_at", time(raisedAt))
            .put("cleared_at", clearedAt == Long.MIN_VALUE ? null : time(clearedAt)));
  }

  @Override
  public String toString() {
    return status
        + " "
        + rule
        + " "
        + queueKey()
        + " value="
        + value
        + " threshold="
        + threshold
        + " raised="
        + raisedAt
        + (clearedAt == Long.MIN_VALUE ? "" : " cleared=" + clearedAt);
  }
}
