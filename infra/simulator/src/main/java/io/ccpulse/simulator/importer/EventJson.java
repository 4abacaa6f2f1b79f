package io.ccpulse.simulator.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.json.Json;
import io.ccpulse.simulator.output.EventStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Turns one JSON object into an event, checked against the current Avro schema: the fields of the
 * schema by their Avro names, no others; enums by symbol; times as ISO-8601 with an offset or epoch
 * milliseconds; optional fields may be null or absent. The record type is told by a field only it
 * has: {@code state} (agent state), {@code csat} (survey), else {@code type} (interaction).
 *
 * <p>One field beside the event's: {@code received_at}, optional, when the event reached the
 * platform it was exported from (its Kafka record timestamp there); without it, when it occurred. A
 * late or too-late event of the original stream keeps its verdict: the job judges lateness by the
 * record timestamp (docs/metrics.md §10).
 */
public final class EventJson {
  private EventJson() {}

  /** The field that is not the event's: when the event was received. */
  public static final String RECEIVED_AT = "received_at";

  /** A decoded line: the event, its stream and key, and when it was received. */
  public record Parsed(
      EventStream stream,
      String key,
      SpecificRecordBase event,
      long occurredAtMillis,
      long receivedAtMillis) {
    Parsed(EventStream stream, String key, SpecificRecordBase event, long occurredAtMillis) {
      this(stream, key, event, occurredAtMillis, occurredAtMillis);
    }
  }

  /** Parses and validates; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Parsed parse(String line) {
    ObjectNode json;
    try {
      json = Json.readObject(line);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    JsonNode received = json.remove(RECEIVED_AT);
    Parsed p = parseEvent(json);
    if (received == null || received.isNull()) {
      return p;
    }
    long receivedAt;
    try {
      receivedAt = time(received).toEpochMilli();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"" + RECEIVED_AT + "\": " + e.getMessage());
    }
    return new Parsed(p.stream(), p.key(), p.event(), p.occurredAtMillis(), receivedAt);
  }

  private static Parsed parseEvent(ObjectNode json) {
    if (json.has("state")) {
      AgentStateEvent e = fill(new AgentStateEvent(), json);
      return new Parsed(
          EventStream.AGENT_STATES, e.getAgentId(), e, e.getOccurredAt().toEpochMilli());
    }
    if (json.has("csat")) {
      SurveyEvent e = fill(new SurveyEvent(), json);
      if (e.getCsat() < 1 || e.getCsat() > 5) {
        throw new IllegalArgumentException("csat must be 1 to 5, was " + e.getCsat());
      }
      if (e.getNps() != null && (e.getNps() < 0 || e.getNps() > 10)) {
        throw new IllegalArgumentException("nps must be 0 to 10, was " + e.getNps());
      }
      return new Parsed(
          EventStream.SURVEYS, e.getInteractionId(), e, e.getOccurredAt().toEpochMilli());
    }
    if (json.has("type")) {
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
    boolean queueStep =
        t == InteractionType.QUEUED
            || t == InteractionType.ABANDONED
            || t == InteractionType.CALLBACK_REQUESTED;
    if (queueStep && e.getQueueId() == null) {
      throw new IllegalArgumentException(t + " needs queue_id");
    }
    if (!queueStep && e.getAgentId() == null) {
      throw new IllegalArgumentException(t + " needs agent_id");
    }
    if (t == InteractionType.TRANSFERRED
        && (e.getTargetQueueId() == null) == (e.getTargetAgentId() == null)) {
      throw new IllegalArgumentException(
          "TRANSFERRED needs exactly one of target_queue_id and target_agent_id");
    }
  }

  private static <T extends SpecificRecordBase> T fill(T record, ObjectNode json) {
    Schema schema = record.getSchema();
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.getField(name) == null) {
        throw new IllegalArgumentException(
            "unknown field \"" + name + "\" for " + schema.getName());
      }
    }
    for (Schema.Field f : schema.getFields()) {
      JsonNode v = json.get(f.name());
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

  /** The value of {@code v} for schema {@code s}; messages show the value as JSON text. */
  private static Object value(Schema s, JsonNode v) {
    if (s.getType() == Schema.Type.UNION) {
      if (v.isNull()) {
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
    if (v.isNull()) {
      throw new IllegalArgumentException("must not be null");
    }
    return switch (s.getType()) {
      case STRING -> {
        if (!v.isTextual() || v.textValue().isEmpty()) {
          throw new IllegalArgumentException("expected a non-empty string, got " + v);
        }
        yield v.textValue();
      }
      case ENUM -> {
        if (!v.isTextual() || !s.getEnumSymbols().contains(v.textValue())) {
          throw new IllegalArgumentException(
              "expected one of " + s.getEnumSymbols() + ", got " + v);
        }
        yield SpecificData.get().createEnum(v.textValue(), s);
      }
      case LONG -> {
        if (!"timestamp-millis".equals(s.getProp("logicalType"))) {
          yield exact(v, integer(v)::longValueExact);
        }
        yield time(v);
      }
      case INT -> exact(v, integer(v)::intValueExact);
      case ARRAY -> {
        if (!v.isArray()) {
          throw new IllegalArgumentException("expected an array, got " + v);
        }
        List<Object> out = new ArrayList<>();
        for (JsonNode item : v) {
          out.add(value(s.getElementType(), item));
        }
        yield out;
      }
      default -> throw new IllegalArgumentException("unsupported schema type " + s.getType());
    };
  }

  private static BigDecimal integer(JsonNode v) {
    if (!v.isNumber() || v.decimalValue().stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("expected an integer, got " + v);
    }
    return v.decimalValue();
  }

  private static <N extends Number> N exact(JsonNode v, Supplier<N> value) {
    try {
      return value.get();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("out of range, got " + v);
    }
  }

  private static Instant time(JsonNode v) {
    if (v.isNumber()) {
      try {
        return Instant.ofEpochMilli(v.decimalValue().longValueExact());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("expected whole epoch milliseconds, got " + v);
      }
    }
    if (v.isTextual()) {
      try {
        return OffsetDateTime.parse(v.textValue()).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "expected ISO-8601 with an offset (e.g. 2026-01-05T08:00:00Z), got " + v);
      }
    }
    throw new IllegalArgumentException(
        "expected a time (ISO-8601 string or epoch millis), got " + v);
  }
}
