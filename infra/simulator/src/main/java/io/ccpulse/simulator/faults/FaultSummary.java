package io.ccpulse.simulator.faults;

import io.ccpulse.events.RejectReason;
import io.ccpulse.simulator.engine.EngineStats;
import io.ccpulse.simulator.json.Json;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.TruthSettings;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fault layer injected, per stream, with the bases of the rates. Tests compare the
 * pipeline's rejected-event counts with {@link #expectedRejections}.
 */
public final class FaultSummary {
  private final FaultSettings settings;
  private final TruthSettings truth;
  private final Map<EventStream, StreamFaults> streams;
  private final EngineStats engine;
  private final List<FuzzedEvent> fuzzed;

  FaultSummary(
      FaultSettings settings,
      TruthSettings truth,
      Map<EventStream, StreamFaults> streams,
      EngineStats engine,
      List<FuzzedEvent> fuzzed) {
    this.settings = settings;
    this.truth = truth;
    this.streams = new EnumMap<>(streams);
    this.engine = engine;
    this.fuzzed = List.copyOf(fuzzed);
  }

  /** Every malformed event of the fuzz stream, with the reason it must be rejected under. */
  public List<FuzzedEvent> fuzzed() {
    return fuzzed;
  }

  public FaultSettings settings() {
    return settings;
  }

  public StreamFaults stream(EventStream s) {
    return streams.get(s);
  }

  /** Contacts that could have been picked as too late. */
  public long tooLateEligibleContacts() {
    return engine.tooLateEligible();
  }

  public long tooLateContacts() {
    return engine.tooLateContacts();
  }

  /** Legs and abandons of on-time contacts: the base of the impossible-transition rate. */
  public long impossibleBase() {
    return engine.impossibleBase();
  }

  /** The rejections the pipeline should report for this stream, by reason (zeros left out). */
  public Map<RejectReason, Long> expectedRejections(EventStream s) {
    StreamFaults f = streams.get(s);
    Map<RejectReason, Long> m = new EnumMap<>(RejectReason.class);
    put(m, RejectReason.TOO_LATE, f.tooLate);
    put(m, RejectReason.UNREADABLE_BYTES, f.unreadable);
    put(m, RejectReason.UNKNOWN_SCHEMA, f.unknownSchema);
    put(m, RejectReason.IMPOSSIBLE_TRANSITION, f.impossible);
    f.fuzz.forEach((reason, n) -> m.merge(reason, n, Long::sum));
    return m;
  }

  private static void put(Map<RejectReason, Long> m, RejectReason r, long n) {
    if (n > 0) {
      m.put(r, n);
    }
  }

  /** The summary as pretty-printed JSON, topics named as published. */
  public String toJson(TopicNames topics) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n  \"settings\": ");
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("duplicate", settings.duplicateRate());
    s.put("out_of_order", settings.outOfOrderRate());
    s.put("max_delay_ms", settings.maxDelay().toMillis());
    s.put("too_late", settings.tooLateRate());
    s.put("lateness_ms", settings.lateness().toMillis());
    s.put("too_late_delay_ms", settings.tooLateDelay(truth).toMillis());
    s.put("unreadable", settings.unreadableRate());
    s.put("unknown_schema", settings.unknownSchemaRate());
    s.put("impossible", settings.impossibleRate());
    s.put("fuzz_events", settings.fuzz().events());
    s.put("fuzz_contact_events", settings.fuzz().contactEvents());
    object(sb, s);
    sb.append(",\n  \"contacts\": ");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("total", engine.contacts());
    c.put("too_late_eligible", engine.tooLateEligible());
    c.put("too_late", engine.tooLateContacts());
    c.put("impossible_base", engine.impossibleBase());
    object(sb, c);
    sb.append(",\n  \"topics\": {");
    String sep = "\n";
    for (EventStream e : EventStream.values()) {
      StreamFaults f = streams.get(e);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("events", f.events);
      t.put("records", f.records);
      t.put("delayed", f.delayed);
      t.put("max_delay_ms", f.maxDelayMs);
      t.put("duplicates", f.duplicates);
      t.put("too_late", f.tooLate);
      t.put("unreadable", f.unreadable);
      t.put("unknown_schema", f.unknownSchema);
      t.put("impossible", f.impossible);
      Map<String, Object> fuzz = new LinkedHashMap<>();
      f.fuzz.forEach((k, v) -> fuzz.put(k.name(), v));
      t.put("fuzz", fuzz);
      Map<String, Object> rejected = new LinkedHashMap<>();
      expectedRejections(e).forEach((k, v) -> rejected.put(k.name(), v));
      t.put("expected_rejected", rejected);
      sb.append(sep).append("    ");
      Json.quote(sb, topics.of(e));
      sb.append(": ");
      object(sb, t);
      sep = ",\n";
    }
    sb.append("\n  }\n}\n");
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static void object(StringBuilder sb, Map<String, Object> m) {
    sb.append('{');
    String sep = "";
    for (Map.Entry<String, Object> en : m.entrySet()) {
      sb.append(sep);
      Json.quote(sb, en.getKey());
      sb.append(": ");
      if (en.getValue() instanceof Map) {
        object(sb, (Map<String, Object>) en.getValue());
      } else {
        sb.append(en.getValue());
      }
      sep = ", ";
    }
    sb.append('}');
  }
}
