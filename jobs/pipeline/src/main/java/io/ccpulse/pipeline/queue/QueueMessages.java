package io.ccpulse.pipeline.queue;

import static io.ccpulse.pipeline.json.Json.number;
import static io.ccpulse.pipeline.json.Json.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.alert.AlertRule;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The live job's messages on Kafka (docs/queue-health.md): a queue-health snapshot as JSON, and
 * snapshots and alerts read back from their JSON, by the metrics job on their way to ClickHouse.
 * Field names are the ClickHouse columns'.
 */
public final class QueueMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueueMessages() {}

  public static String toJson(QueueSnapshot s) {
    return Json.write(
        Json.object()
            .put("tenant_id", s.tenantId)
            .put("queue_id", s.queueId)
            .put("channel", s.channel == null ? null : s.channel.name())
            .put("at", time(s.at))
            .put("waiting", s.waiting)
            .put("oldest_wait_ms", s.oldestWaitMs())
            .put("agents_logged_in", s.agentsLoggedIn)
            .put("agents_on_queue", s.agentsOnQueue)
            .put("agents_available", s.agentsAvailable)
            .put("agents_on_contact", s.agentsOnContact)
            .put("agents_on_break", s.agentsOnBreak)
            .put("offered", s.offered)
            .put("answered", s.answered)
            .put("answered_in_sl", s.answeredInSl)
            .put("abandoned", s.abandoned)
            .put("short_abandoned", s.shortAbandoned)
            .put("service_level", number(s.serviceLevel()))
            .put("abandon_rate", number(s.abandonRate()))
            .put("open_alerts", s.openAlerts)
            .put("arrived", s.arrived)
            .put("handle_time_s", number(s.handleTimeSeconds()))
            .put("estimated_wait_s", number(s.estimatedWaitSeconds()))
            .put("agents_required", number(s.agentsRequiredOrNaN()))
            .put("callbacks_pending", s.callbacksPending)
            .put("oldest_callback_ms", s.oldestCallbackMs()));
  }

  /** The queue-wait topic's message: the estimate and what it stands on. */
  public static String waitJson(QueueSnapshot s) {
    return Json.write(
        Json.object()
            .put("tenant_id", s.tenantId)
            .put("queue_id", s.queueId)
            .put("channel", s.channel == null ? null : s.channel.name())
            .put("at", time(s.at))
            .put("estimated_wait_s", number(s.estimatedWaitSeconds()))
            .put("waiting", s.waiting)
            .put("agents_on_queue", s.agentsOnQueue)
            .put("agents_available", s.agentsAvailable));
  }

  public static QueueSnapshot snapshot(byte[] json) {
    JsonNode n = parse(json);
    QueueSnapshot s = new QueueSnapshot();
    s.tenantId = n.get("tenant_id").asText();
    s.queueId = n.get("queue_id").asText();
    s.channel = n.get("channel").isNull() ? null : Channel.valueOf(n.get("channel").asText());
    s.at = millis(n.get("at"));
    s.waiting = n.get("waiting").asInt();
    s.oldestWaitSince = s.at - n.get("oldest_wait_ms").asLong();
    s.agentsLoggedIn = n.get("agents_logged_in").asInt();
    s.agentsOnQueue = n.get("agents_on_queue").asInt();
    s.agentsAvailable = n.get("agents_available").asInt();
    s.agentsOnContact = n.get("agents_on_contact").asInt();
    s.agentsOnBreak = n.get("agents_on_break").asInt();
    s.offered = n.get("offered").asInt();
    s.answered = n.get("answered").asInt();
    s.answeredInSl = n.get("answered_in_sl").asInt();
    s.abandoned = n.get("abandoned").asInt();
    s.shortAbandoned = n.get("short_abandoned").asInt();
    s.openAlerts = n.get("open_alerts").asInt();
    // Absent in messages from before V030: no telling.
    s.arrived = n.path("arrived").asInt(0);
    s.handleTimeMs = millisOrNone(n.path("handle_time_s"));
    s.estimatedWaitMs = millisOrNone(n.path("estimated_wait_s"));
    s.agentsRequired = n.path("agents_required").isNumber() ? n.get("agents_required").asInt() : -1;
    // Absent in messages from before V035: none pending.
    s.callbacksPending = n.path("callbacks_pending").asInt(0);
    s.oldestCallbackSince =
        s.callbacksPending == 0 ? 0 : s.at - n.path("oldest_callback_ms").asLong(0);
    return s;
  }

  /** An alert from {@link QueueAlert#toJson()}. */
  public static QueueAlert alert(byte[] json) {
    JsonNode n = parse(json);
    QueueAlert a = new QueueAlert();
    a.alertId = n.get("alert_id").asText();
    a.status = QueueAlert.Status.valueOf(n.get("status").asText());
    a.rule = AlertRule.ofKey(n.get("rule").asText());
    a.severity = n.get("severity").isNull() ? null : n.get("severity").asText();
    a.tenantId = n.get("tenant_id").asText();
    a.queueId = n.get("queue_id").asText();
    a.value = n.get("value").isNull() ? Double.NaN : n.get("value").asDouble();
    a.threshold = n.get("threshold").asDouble();
    a.raisedAt = millis(n.get("raised_at"));
    a.clearedAt = n.get("cleared_at").isNull() ? Long.MIN_VALUE : millis(n.get("cleared_at"));
    return a;
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
  }

  private static long millisOrNone(JsonNode seconds) {
    return seconds.isNumber() ? Math.round(seconds.asDouble() * 1000) : -1;
  }

  private static long millis(JsonNode time) {
    return Instant.parse(time.asText()).toEpochMilli();
  }
}
