package io.ccpulse.simulator.importer;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.json.Json;
import io.ccpulse.simulator.json.JsonException;
import io.ccpulse.simulator.output.EventStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Turns one JSON object into an event, checked against the current Avro schema: the fields of the
 * schema by their Avro names, no others; enums by symbol; times as ISO-8601 with an offset or epoch
 * milliseconds; optional fields may be null or absent. The record type is told by a field only it
 * has: {@code state} (agent state), {@code csat} (survey), else {@code type} (interaction).
 */
public final class EventJson {
  private EventJson() {}

  /** A decoded line: the event, its stream and key. */
  public record Parsed(
      EventStream stream, String key, SpecificRecordBase event, long occurredAtMillis) {}

  /** Parses and validates; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Parsed parse(String line) {
    Map<String, Object> json;
    try {
      json = Json.parseObject(line);
    } catch (JsonException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    if (json.containsKey("state")) {
      AgentStateEvent e = fill(new AgentStateEvent(), json);
      return new Parsed(
          EventStream.AGENT_STATES, e.getAgentId(), e, e.getOccurredAt().toEpochMilli());
    }
    if (json.containsKey("csat")) {
      SurveyEvent e = fill(new SurveyEvent(), json);
      if (e.getCsat() < 1 || e.getCsat() > 5) {
        throw new IllegalArgumentException("csat must be 1 to 5, was " + e.getCsat());
      }
      return new Parsed(
          EventStream.SURVEYS, e.getInteractionId(), e, e.getOccurredAt().toEpochMilli());
    }
    if (json.containsKey("type")) {
      InteractionEvent e = fill(new InteractionEvent(), json);
      checkInteraction(e);
      return new Parsed(
          EventStream.INTERACTIONS, e.getInteractionId(), e, e.getOccurredAt().toEpochMilli());
    }
    throw new IllegalArgumentException(
        "cannot tell the event type: an interaction has \"type\", an agent state \"state\", a survey \"csat\"");
  }

  /**
   * What each interaction type needs beyond the schema, so obviously broken history is caught here.
   */
  private static void checkInteraction(InteractionEvent e) {
    InteractionType t = e.getType();
    if ((t == InteractionType.QUEUED || t == InteractionType.ABANDONED) && e.getQueueId() == null) {
      throw new IllegalArgumentException(t + " needs queue_id");
    }
    if (t != InteractionType.QUEUED && t != InteractionType.ABANDONED && e.getAgentId() == null) {
      throw new IllegalArgumentException(t + " needs agent_id");
    }
    if (t == InteractionType.TRANSFERRED
        && (e.getTargetQueueId() == null) == (e.getTargetAgentId() == null)) {
      throw new IllegalArgumentException(
          "TRANSFERRED needs exactly one of target_queue_id and target_agent_id");
    }
  }

  private static <T extends SpecificRecordBase> T fill(T record, Map<String, Object> json) {
    Schema schema = record.getSchema();
    for (String name : json.keySet()) {
      if (schema.getField(name) == null) {
        throw new IllegalArgumentException(
            "unknown field \"" + name + "\" for " + schema.getName());
      }
    }
    for (Schema.Field f : schema.getFields()) {
      Object v = json.get(f.name());
      if (v == null) {
        if (!f.hasDefaultValue()) {
          throw new IllegalArgumentException(
              "missing field \"" + f.name() + "\" (" + schema.getName() + ")");
        }
        Object def = f.defaultVal();
        record.put(
            f.pos(), def == org.apache.avro.JsonProperties.NULL_VALUE ? null : defaultOf(def));
        continue;
      }
      try {
        record.put(f.pos(), value(f.schema(), v));
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new IllegalArgumentException("field \"" + f.name() + "\": " + e.getMessage());
      }
    }
    return record;
  }

  private static Object defaultOf(Object def) {
    return def instanceof List<?> l ? new ArrayList<>(l) : def;
  }

  private static Object value(Schema s, Object v) {
    if (s.getType() == Schema.Type.UNION) {
      if (v == Json.NULL) {
        if (s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
          return null;
        }
        throw new IllegalArgumentException("must not be null");
      }
      for (Schema t : s.getTypes()) {
        if (t.getType() != Schema.Type.NULL) {
          return value(t, v);
        }
      }
    }
    if (v == Json.NULL) {
      throw new IllegalArgumentException("must not be null");
    }
    return switch (s.getType()) {
      case STRING -> {
        if (!(v instanceof String str) || str.isEmpty()) {
          throw new IllegalArgumentException("expected a non-empty string, got " + v);
        }
        yield str;
      }
      case ENUM -> {
        if (!(v instanceof String sym) || !s.getEnumSymbols().contains(sym)) {
          throw new IllegalArgumentException(
              "expected one of " + s.getEnumSymbols() + ", got " + v);
        }
        yield SpecificData.get().createEnum(sym, s);
      }
      case LONG -> {
        if (!"timestamp-millis".equals(s.getProp("logicalType"))) {
          yield integer(v).longValueExact();
        }
        yield time(v);
      }
      case INT -> integer(v).intValueExact();
      case ARRAY -> {
        if (!(v instanceof List<?> list)) {
          throw new IllegalArgumentException("expected an array, got " + v);
        }
        List<Object> out = new ArrayList<>();
        for (Object item : list) {
          out.add(value(s.getElementType(), item));
        }
        yield out;
      }
      default -> throw new IllegalArgumentException("unsupported schema type " + s.getType());
    };
  }

  private static BigDecimal integer(Object v) {
    if (!(v instanceof BigDecimal d) || d.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("expected an integer, got " + v);
    }
    return d;
  }

  private static Instant time(Object v) {
    if (v instanceof BigDecimal d) {
      try {
        return Instant.ofEpochMilli(d.longValueExact());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("expected whole epoch milliseconds, got " + v);
      }
    }
    if (v instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "expected ISO-8601 with an offset (e.g. 2026-01-05T08:00:00Z), got " + s);
      }
    }
    throw new IllegalArgumentException(
        "expected a time (ISO-8601 string or epoch millis), got " + v);
  }
}
