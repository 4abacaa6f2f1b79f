package io.ccpulse.local;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.DecodeResult;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ingest_counts as the published records say it must be: every record that decodes and is not too
 * late, per tenant, record and event type, and interval of its event time. Duplicates are records
 * too (each counts), and so are impossible transitions (they decode; the contact's rules reject
 * them later). The simulator makes its too-late records later than any partition clock allows, its
 * delayed ones and duplicates within it.
 */
final class IngestTruth {
  private IngestTruth() {}

  /** Rows as {@code tenant | type | interval seconds | interval start millis | events}, sorted. */
  static List<String> rows(List<DeliveredRecord> records, Duration interval) {
    long size = interval.toMillis();
    Map<String, Long> counts = new TreeMap<>();
    for (DeliveredRecord r : records) {
      if (r.fault() == Fault.TOO_LATE
          || r.fault() == Fault.UNREADABLE
          || r.fault() == Fault.UNKNOWN_SCHEMA
          || r.fault() == Fault.FUZZ) {
        continue;
      }
      String[] tenantAndType = tenantAndType(r);
      long start = Math.floorDiv(r.occurredAtMillis(), size) * size;
      counts.merge(
          String.join(
              " | ",
              tenantAndType[0],
              tenantAndType[1],
              String.valueOf(size / 1000),
              String.valueOf(start)),
          1L,
          Long::sum);
    }
    return counts.entrySet().stream().map(e -> e.getKey() + " | " + e.getValue()).toList();
  }

  private static String[] tenantAndType(DeliveredRecord r) {
    return switch (r.stream()) {
      case INTERACTIONS -> {
        InteractionEvent e = decoded(EventCodec.interactions().decode(r.value()), r);
        yield new String[] {e.getTenantId(), "InteractionEvent." + e.getType()};
      }
      case AGENT_STATES -> {
        AgentStateEvent e = decoded(EventCodec.agentStates().decode(r.value()), r);
        yield new String[] {e.getTenantId(), "AgentStateEvent." + e.getState()};
      }
      case SURVEYS -> {
        SurveyEvent e = decoded(EventCodec.surveys().decode(r.value()), r);
        yield new String[] {e.getTenantId(), "SurveyEvent.SURVEY"};
      }
    };
  }

  private static <T> T decoded(DecodeResult<T> result, DeliveredRecord r) {
    if (!result.isOk()) {
      throw new IllegalStateException("a record the simulator calls readable is not: " + r);
    }
    return result.event();
  }
}
