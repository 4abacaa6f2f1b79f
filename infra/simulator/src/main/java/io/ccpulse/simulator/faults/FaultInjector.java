package io.ccpulse.simulator.faults;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.engine.EngineStats;
import io.ccpulse.simulator.engine.EventSink;
import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.Fault;
import io.ccpulse.simulator.output.RecordSink;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.truth.TruthCalculator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.avro.specific.SpecificRecord;

/**
 * Between the engine and the output: feeds on-time events to the truth, encodes them, injects the
 * faults and delivers records in delivery order (event time + injected delay, ties in the order
 * they were produced).
 *
 * <p>Records without delay go straight out; delayed ones wait in a heap until the engine's clock
 * passes them. That is exact because the engine announces each new time before emitting at it.
 */
public final class FaultInjector implements EventSink {
  private final FaultSettings settings;
  private final TruthSettings truthSettings;
  private final TruthCalculator truth;
  private final RecordSink out;
  private final Rng rng;
  private final long tooLateDelay;
  private final EventCodec<InteractionEvent> interactions = EventCodec.interactions();
  private final EventCodec<AgentStateEvent> agentStates = EventCodec.agentStates();
  private final EventCodec<SurveyEvent> surveys = EventCodec.surveys();
  private final Map<EventStream, StreamFaults> counts = new EnumMap<>(EventStream.class);
  private final PriorityQueue<Pending> pending = new PriorityQueue<>();
  private final List<FuzzedEvent> fuzzed = new ArrayList<>();
  private long seq;

  private record Pending(long time, long seq, DeliveredRecord record)
      implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
    }
  }

  /**
   * @param truth fed with every on-time event; {@code null} to skip the truth
   */
  public FaultInjector(Scenario scenario, TruthCalculator truth, RecordSink out) {
    this(scenario.seed(), scenario.faults(), scenario.truth(), truth, out);
    if (settings.fuzz().enabled()) {
      // Mixed in by delivery time like delayed records: they go out as the engine's clock passes
      // them.
      List<String> tenants = LayoutFactory.build(scenario).tenantIds();
      for (Fuzz.Bad bad :
          new Fuzz(
                  scenario.seed(),
                  settings.fuzz(),
                  tenants,
                  scenario.start().toEpochMilli(),
                  scenario.end().toEpochMilli())
              .generate()) {
        counts.get(bad.stream()).fuzz.merge(bad.what().reason(), 1L, Long::sum);
        fuzzed.add(bad.what());
        pending.add(
            new Pending(
                bad.at(),
                seq++,
                new DeliveredRecord(
                    bad.stream(), bad.key(), encode(bad.event()), bad.at(), bad.at(), Fault.FUZZ)));
      }
    }
  }

  /** For scripted input: faults and truth settings given directly, records to {@code out}. */
  public FaultInjector(
      long seed,
      FaultSettings settings,
      TruthSettings truthSettings,
      TruthCalculator truth,
      RecordSink out) {
    this.settings = settings;
    this.truthSettings = truthSettings;
    this.truth = truth;
    this.out = out;
    this.rng = Rng.derive(seed, "delivery-faults");
    this.tooLateDelay = settings.tooLateDelay(truthSettings).toMillis();
    Garbage.checkUnknown(interactions.history());
    Garbage.checkUnknown(agentStates.history());
    Garbage.checkUnknown(surveys.history());
    for (EventStream s : EventStream.values()) {
      counts.put(s, new StreamFaults());
    }
  }

  @Override
  public void event(
      EventStream stream, String key, SpecificRecord event, long occurredAt, boolean tooLate) {
    StreamFaults c = counts.get(stream);
    byte[] bytes = encode(event);
    if (tooLate) {
      c.tooLate++;
      deliver(stream, key, bytes, occurredAt, occurredAt + tooLateDelay, Fault.TOO_LATE);
      return;
    }
    if (truth != null) {
      truth.accept(event);
    }
    c.events++;
    long delay = 0;
    if (rng.chance(settings.outOfOrderRate())) {
      delay = rng.between(1, settings.maxDelay().toMillis());
      c.delayed++;
      c.maxDelayMs = Math.max(c.maxDelayMs, delay);
    }
    deliver(
        stream, key, bytes, occurredAt, occurredAt + delay, delay > 0 ? Fault.DELAYED : Fault.NONE);
    if (rng.chance(settings.duplicateRate())) {
      c.duplicates++;
      // Later than the original, and still within the maximum delay when there is room.
      long copyAt =
          occurredAt + delay + rng.between(1, Math.max(1, settings.maxDelay().toMillis() - delay));
      deliver(stream, key, bytes, occurredAt, copyAt, Fault.DUPLICATE);
    }
    if (rng.chance(settings.unreadableRate())) {
      c.unreadable++;
      deliver(stream, key, Garbage.unreadable(rng), occurredAt, occurredAt, Fault.UNREADABLE);
    }
    if (rng.chance(settings.unknownSchemaRate())) {
      c.unknownSchema++;
      deliver(
          stream, key, Garbage.unknownSchema(bytes), occurredAt, occurredAt, Fault.UNKNOWN_SCHEMA);
    }
  }

  @Override
  public void impossible(EventStream stream, String key, SpecificRecord event, long occurredAt) {
    counts.get(stream).impossible++;
    deliver(stream, key, encode(event), occurredAt, occurredAt, Fault.IMPOSSIBLE);
  }

  @Override
  public void advance(long now) {
    while (!pending.isEmpty() && pending.peek().time <= now) {
      publish(pending.poll().record);
    }
  }

  /** Delivers everything still held back and returns what was injected. */
  public FaultSummary finish(EngineStats engine) {
    while (!pending.isEmpty()) {
      publish(pending.poll().record);
    }
    out.flush();
    return new FaultSummary(settings, truthSettings, counts, engine, fuzzed);
  }

  private void deliver(
      EventStream stream, String key, byte[] bytes, long occurredAt, long at, Fault fault) {
    DeliveredRecord r = new DeliveredRecord(stream, key, bytes, at, occurredAt, fault);
    if (at == occurredAt && fault != Fault.TOO_LATE) {
      publish(r);
    } else {
      pending.add(new Pending(at, seq++, r));
    }
  }

  private void publish(DeliveredRecord r) {
    counts.get(r.stream()).records++;
    out.accept(r);
  }

  private byte[] encode(SpecificRecord event) {
    if (event instanceof InteractionEvent e) {
      return interactions.encode(e);
    } else if (event instanceof AgentStateEvent e) {
      return agentStates.encode(e);
    } else if (event instanceof SurveyEvent e) {
      return surveys.encode(e);
    }
    throw new IllegalArgumentException("not an event: " + event.getClass().getName());
  }
}
