package io.ccpulse.pipeline.queue;

import static io.ccpulse.pipeline.json.Json.number;
import static io.ccpulse.pipeline.json.Json.time;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.alert.AlertRule;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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
   * A snapshot from {@link #toJson}: read from its bytes where it is in the shape toJson writes
   * ({@link SnapshotBytes}, most of a day's messages), by Jackson otherwise. A message without one
   * of the fields every version has is refused; fields a later version added read as absent.
   */
  public static QueueSnapshot snapshot(byte[] json) {
    QueueSnapshot s = SnapshotBytes.read(json);
    return s != null ? s : parsed(json);
  }

  /**
   * A snapshot read by Jackson, field by field as the parser meets them, not as a tree. Each name
   * is first matched against the one {@link #toJson} writes next (bytes against bytes, no string
   * made), then looked up.
   */
  static QueueSnapshot parsed(byte[] json) {
    QueueSnapshot s = new QueueSnapshot();
    s.handleTimeMs = -1; // absent in messages from before V030: no telling
    s.estimatedWaitMs = -1;
    s.agentsRequired = -1;
    long oldestWaitMs = 0;
    long oldestCallbackMs = 0;
    long seen = 0;
    try (JsonParser p = SNAPSHOT_JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      int next = 0; // the field toJson writes next
      while (true) {
        boolean expected = false;
        if (next < SNAPSHOT_FIELDS.length) {
          expected = p.nextFieldName(SNAPSHOT_FIELDS[next]); // moves on, whatever comes
        } else {
          p.nextToken();
        }
        int field;
        if (expected) {
          field = next;
        } else if (p.currentToken() == JsonToken.FIELD_NAME) {
          field = SNAPSHOT_FIELD_INDEX.getOrDefault(p.currentName(), -1);
        } else {
          break;
        }
        next = field + 1;
        boolean isNull = p.nextToken() == JsonToken.VALUE_NULL;
        if (field >= 0) {
          seen |= 1L << field;
        }
        switch (field) {
          case 0 -> s.tenantId = p.getText();
          case 1 -> s.queueId = p.getText();
          case 2 -> s.channel = isNull ? null : Channel.valueOf(p.getText());
          case 3 -> s.at = Json.parseTime(p.getText());
          case 4 -> s.waiting = p.getIntValue();
          case 5 -> oldestWaitMs = p.getLongValue();
          case 6 -> s.agentsLoggedIn = p.getIntValue();
          case 7 -> s.agentsOnQueue = p.getIntValue();
          case 8 -> s.agentsAvailable = p.getIntValue();
          case 9 -> s.agentsOnContact = p.getIntValue();
          case 10 -> s.agentsOnBreak = p.getIntValue();
          case 11 -> s.offered = p.getIntValue();
          case 12 -> s.answered = p.getIntValue();
          case 13 -> s.answeredInSl = p.getIntValue();
          case 14 -> s.abandoned = p.getIntValue();
          case 15 -> s.shortAbandoned = p.getIntValue();
          case 16, 17 -> {} // service_level, abandon_rate: derived from the counts
          case 18 -> s.openAlerts = p.getIntValue();
          case 19 -> s.arrived = p.getIntValue();
          case 20 -> s.handleTimeMs = isNull ? -1 : millis(p.getDoubleValue());
          case 21 -> s.estimatedWaitMs = isNull ? -1 : millis(p.getDoubleValue());
          case 22 -> s.agentsRequired = isNull ? -1 : p.getIntValue();
          case 23 -> s.callbacksPending = p.getIntValue();
          case 24 -> oldestCallbackMs = p.getLongValue();
          default -> p.skipChildren(); // a field this version does not know
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
    if ((seen & REQUIRED) != REQUIRED) {
      throw new IllegalArgumentException("not a queue-health snapshot: a field is missing");
    }
    return finish(s, oldestWaitMs, oldestCallbackMs);
  }

  /** The times the message gives as ages, as moments. */
  static QueueSnapshot finish(QueueSnapshot s, long oldestWaitMs, long oldestCallbackMs) {
    s.oldestWaitSince = s.at - oldestWaitMs;
    s.oldestCallbackSince = s.callbacksPending == 0 ? 0 : s.at - oldestCallbackMs;
    return s;
  }

  /** Doubles read by Jackson's fast parser (the estimates and handle times in every snapshot). */
  private static final JsonFactory SNAPSHOT_JSON =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /** The snapshot's fields in the order {@link #toJson} writes them; the switch above by index. */
  static final SerializedString[] SNAPSHOT_FIELDS =
      Stream.of(
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
              "service_level",
              "abandon_rate",
              "open_alerts",
              "arrived",
              "handle_time_s",
              "estimated_wait_s",
              "agents_required",
              "callbacks_pending",
              "oldest_callback_ms")
          .map(SerializedString::new)
          .toArray(SerializedString[]::new);

  private static final Map<String, Integer> SNAPSHOT_FIELD_INDEX =
      IntStream.range(0, SNAPSHOT_FIELDS.length)
          .boxed()
          .collect(Collectors.toUnmodifiableMap(i -> SNAPSHOT_FIELDS[i].getValue(), i -> i));

  /**
   * The fields every snapshot message has had (before V030 and V035 added theirs): tenant_id to
   * short_abandoned, and open_alerts.
   */
  private static final long REQUIRED = (1L << 16) - 1 | 1L << 18;

  static long millis(double seconds) {
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
