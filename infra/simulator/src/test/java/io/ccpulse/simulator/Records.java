package io.ccpulse.simulator;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.DecodeResult;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.output.DeliveredRecord;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Decoding delivered records in tests. */
public final class Records {
  private static final EventCodec<InteractionEvent> INTERACTIONS = EventCodec.interactions();
  private static final EventCodec<AgentStateEvent> AGENT_STATES = EventCodec.agentStates();
  private static final EventCodec<SurveyEvent> SURVEYS = EventCodec.surveys();

  private Records() {}

  public static DecodeResult<? extends SpecificRecord> tryDecode(DeliveredRecord r) {
    return switch (r.stream()) {
      case INTERACTIONS -> INTERACTIONS.decode(r.value());
      case AGENT_STATES -> AGENT_STATES.decode(r.value());
      case SURVEYS -> SURVEYS.decode(r.value());
    };
  }

  public static SpecificRecord decode(DeliveredRecord r) {
    return tryDecode(r).event();
  }

  /** The decoded events of the records, in the records' order. */
  public static List<SpecificRecord> decodeAll(List<DeliveredRecord> records) {
    return records.stream().map(Records::decode).toList();
  }

  /** The order in which the simulator produced an event: the base-36 counter ending its id. */
  public static long emissionOrder(String eventId) {
    return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1), 36);
  }

  public static String eventId(SpecificRecord e) {
    return (String) e.get(e.getSchema().getField("event_id").pos());
  }

  public static long occurredAt(SpecificRecord e) {
    return ((java.time.Instant) e.get(e.getSchema().getField("occurred_at").pos())).toEpochMilli();
  }
}
