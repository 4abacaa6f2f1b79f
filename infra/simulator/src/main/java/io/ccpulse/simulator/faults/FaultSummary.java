package io.ccpulse.simulator.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccpulse.events.RejectReason;
import io.ccpulse.simulator.engine.EngineStats;
import io.ccpulse.simulator.json.Json;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.TruthSettings;
import java.util.EnumMap;
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
    ObjectNode root = Json.object();
    ObjectNode s = root.putObject("settings");
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
    ObjectNode c = root.putObject("contacts");
    c.put("total", engine.contacts());
    c.put("too_late_eligible", engine.tooLateEligible());
    c.put("too_late", engine.tooLateContacts());
    c.put("impossible_base", engine.impossibleBase());
    ObjectNode byTopic = root.putObject("topics");
    for (EventStream e : EventStream.values()) {
      StreamFaults f = streams.get(e);
      ObjectNode t = byTopic.putObject(topics.of(e));
      t.put("events", f.events);
      t.put("records", f.records);
      t.put("delayed", f.delayed);
      t.put("max_delay_ms", f.maxDelayMs);
      t.put("duplicates", f.duplicates);
      t.put("too_late", f.tooLate);
      t.put("unreadable", f.unreadable);
      t.put("unknown_schema", f.unknownSchema);
      t.put("impossible", f.impossible);
      ObjectNode fuzz = t.putObject("fuzz");
      f.fuzz.forEach((k, v) -> fuzz.put(k.name(), v));
      ObjectNode rejected = t.putObject("expected_rejected");
      expectedRejections(e).forEach((k, v) -> rejected.put(k.name(), v));
    }
    return Json.writePretty(root);
  }
}
