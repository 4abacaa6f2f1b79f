package io.ccpulse.local;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One message of the queue-alerts topic, the fields a test checks (docs/queue-health.md). */
record AlertMessage(
    String key,
    String alertId,
    String status,
    String rule,
    String queueId,
    Instant raisedAt,
    Instant clearedAt) {
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(null|\"([^\"]*)\"|[-0-9.eE]+)");

  static AlertMessage parse(TopicMessages.Message m) {
    java.util.Map<String, String> f = new java.util.HashMap<>();
    Matcher matcher = FIELD.matcher(m.json());
    while (matcher.find()) {
      f.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
    }
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
      if (!f.containsKey(required)) {
        throw new AssertionError("alert message without " + required + ": " + m.json());
      }
    }
    String cleared = f.get("cleared_at");
    return new AlertMessage(
        m.key(),
        f.get("alert_id"),
        f.get("status"),
        f.get("rule"),
        f.get("queue_id"),
        Instant.parse(f.get("raised_at")),
        cleared.equals("null") ? null : Instant.parse(cleared));
  }
}
