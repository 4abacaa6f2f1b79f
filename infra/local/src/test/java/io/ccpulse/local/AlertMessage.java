package io.ccpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One message of the queue-alerts topic, the fields a test checks (docs/queue-health.md). */
record AlertMessage(
    String key,
    String alertId,
    String status,
    String rule,
    String queueId,
    Instant raisedAt,
    Instant clearedAt) {
  static AlertMessage parse(TopicMessages.Message m) {
    JsonNode f = m.tree();
    for (String required :
        new String[] {
          "alert_id",
          "status",
          "rule",
          "severity",
          "tenant_id",
          "queue_id",
          "value",
          "threshold",
          "unit",
          "raised_at",
          "cleared_at"
        }) {
      if (!f.has(required)) {
        throw new AssertionError("alert message without " + required + ": " + m.json());
      }
    }
    String cleared = m.text("cleared_at");
    return new AlertMessage(
        m.key(),
        m.text("alert_id"),
        m.text("status"),
        m.text("rule"),
        m.text("queue_id"),
        Instant.parse(m.text("raised_at")),
        cleared == null ? null : Instant.parse(cleared));
  }
}
