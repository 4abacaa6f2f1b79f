package io.ccpulse.pipeline.queue;

import static io.ccpulse.pipeline.json.Json.number;
import static io.ccpulse.pipeline.json.Json.time;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.alert.AlertRule;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

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

  /**
   * A snapshot from {@link #toJson}. Read field by field as the parser meets them, not as a tree:
   * the metrics job reads one per queue and step (most of a day's messages). A message without one
   * of the fields every version has is refused; fields a later version added read as absent.
   */
  public static QueueSnapshot snapshot(byte[] json) {
    QueueSnapshot s = new QueueSnapshot();
    s.handleTimeMs = -1; // absent in messages from before V030: no telling
    s.estimatedWaitMs = -1;
    s.agentsRequired = -1;
    long oldestWaitMs = 0;
    long oldestCallbackMs = 0;
    int seen = 0;
    try (JsonParser p = JSON.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        boolean isNull = value == JsonToken.VALUE_NULL;
        Integer required = SNAPSHOT_FIELDS.get(field);
        if (required != null) {
          seen |= required;
        }
        switch (field) {
          case "tenant_id" -> s.tenantId = p.getText();
          case "queue_id" -> s.queueId = p.getText();
          case "channel" -> s.channel = isNull ? null : Channel.valueOf(p.getText());
          case "at" -> s.at = Json.parseTime(p.getText());
          case "waiting" -> s.waiting = p.getIntValue();
          case "oldest_wait_ms" -> oldestWaitMs = p.getLongValue();
          case "agents_logged_in" -> s.agentsLoggedIn = p.getIntValue();
          case "agents_on_queue" -> s.agentsOnQueue = p.getIntValue();
          case "agents_available" -> s.agentsAvailable = p.getIntValue();
          case "agents_on_contact" -> s.agentsOnContact = p.getIntValue();
          case "agents_on_break" -> s.agentsOnBreak = p.getIntValue();
          case "offered" -> s.offered = p.getIntValue();
          case "answered" -> s.answered = p.getIntValue();
          case "answered_in_sl" -> s.answeredInSl = p.getIntValue();
          case "abandoned" -> s.abandoned = p.getIntValue();
          case "short_abandoned" -> s.shortAbandoned = p.getIntValue();
          case "open_alerts" -> s.openAlerts = p.getIntValue();
          case "arrived" -> s.arrived = p.getIntValue();
          case "handle_time_s" -> s.handleTimeMs = isNull ? -1 : millis(p.getDoubleValue());
          case "estimated_wait_s" -> s.estimatedWaitMs = isNull ? -1 : millis(p.getDoubleValue());
          case "agents_required" -> s.agentsRequired = isNull ? -1 : p.getIntValue();
          case "callbacks_pending" -> s.callbacksPending = p.getIntValue();
          case "oldest_callback_ms" -> oldestCallbackMs = p.getLongValue();
          default -> p.skipChildren(); // service_level, abandon_rate: derived from the counts
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
    if (seen != (1 << SNAPSHOT_FIELDS.size()) - 1) {
      throw new IllegalArgumentException("not a queue-health snapshot: a field is missing");
    }
    s.oldestWaitSince = s.at - oldestWaitMs;
    s.oldestCallbackSince = s.callbacksPending == 0 ? 0 : s.at - oldestCallbackMs;
    return s;
  }

  /** The fields every snapshot message has had (before V030 and V035 added theirs), by bit. */
  private static final Map<String, Integer> SNAPSHOT_FIELDS =
      bits(
          "tenant_id",
          "queue_id",
          "channel",
          "at",
          "waiting",
          "oldest_wait_ms",
          "agents_logged_in",
          "agents_on_queue",
          "agents_available",
          "agents_on_contact",
          "agents_on_break",
          "offered",
          "answered",
          "answered_in_sl",
          "abandoned",
          "short_abandoned",
          "open_alerts");

  private static Map<String, Integer> bits(String... fields) {
    Map<String, Integer> bits = new HashMap<>();
    for (int i = 0; i < fields.length; i++) {
      bits.put(fields[i], 1 << i);
    }
    return Map.copyOf(bits);
  }

  private static long millis(double seconds) {
    return Math.round(seconds * 1000);
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

  private static long millis(JsonNode time) {
    return Json.parseTime(time.asText());
  }
}
