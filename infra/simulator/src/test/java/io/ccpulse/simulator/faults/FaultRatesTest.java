package io.ccpulse.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.RejectReason;
import io.ccpulse.simulator.Records;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.json.Json;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.Fault;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each fault is injected at its configured rate, within a tolerance of four binomial standard
 * deviations (plus one) of the expected count, and each faulted record has the promised form.
 */
class FaultRatesTest {
  private static final FaultSettings FAULTS =
      FaultSettings.none()
          .withDuplicateRate(0.03)
          .withOutOfOrder(0.05, FaultSettings.DEFAULT_MAX_DELAY)
          .withTooLate(0.05, Duration.ofMinutes(5), null)
          .withUnreadableRate(0.01)
          .withUnknownSchemaRate(0.01)
          .withImpossibleRate(0.02);

  private static Scenario scenario;
  private static Simulation sim;
  private static Map<Fault, List<DeliveredRecord>> byFault;

  @BeforeAll
  static void simulate() {
    scenario = Preset.DEFAULT.builder().seed(5).faults(FAULTS).build();
    sim = Simulator.run(scenario);
    byFault = new EnumMap<>(Fault.class);
    for (Fault f : Fault.values()) {
      byFault.put(f, sim.stream().filter(r -> r.fault() == f).toList());
    }
  }

  /** |observed − n·p| ≤ 4·√(n·p·(1 − p)) + 1. */
  private static void assertRate(String what, long observed, long n, double p) {
    double expected = n * p;
    double tolerance = 4 * Math.sqrt(n * p * (1 - p)) + 1;
    assertThat((double) observed)
        .as("%s: %d of %d at rate %s", what, observed, n, p)
        .isBetween(expected - tolerance, expected + tolerance);
  }

  @Test
  void perEventFaultsMatchTheirRatesOnEveryStream() {
    for (EventStream s : EventStream.values()) {
      StreamFaults f = sim.faults().stream(s);
      assertThat(f.events()).isGreaterThan(s == EventStream.INTERACTIONS ? 20_000 : 500);
      assertRate(s + " duplicates", f.duplicates(), f.events(), FAULTS.duplicateRate());
      assertRate(s + " delayed", f.delayed(), f.events(), FAULTS.outOfOrderRate());
      assertRate(s + " unreadable", f.unreadable(), f.events(), FAULTS.unreadableRate());
      assertRate(s + " unknown schema", f.unknownSchema(), f.events(), FAULTS.unknownSchemaRate());
    }
  }

  @Test
  void perContactAndPerLegFaultsMatchTheirRates() {
    FaultSummary f = sim.faults();
    assertThat(f.tooLateEligibleContacts()).isGreaterThan(3_000);
    assertRate(
        "too-late contacts",
        f.tooLateContacts(),
        f.tooLateEligibleContacts(),
        FAULTS.tooLateRate());
    assertRate(
        "impossible transitions",
        f.stream(EventStream.INTERACTIONS).impossible(),
        f.impossibleBase(),
        FAULTS.impossibleRate());
  }

  @Test
  void theSummaryCountsWhatWasDelivered() {
    for (EventStream s : EventStream.values()) {
      StreamFaults f = sim.faults().stream(s);
      assertThat(count(s, Fault.DUPLICATE)).isEqualTo(f.duplicates());
      assertThat(count(s, Fault.DELAYED)).isEqualTo(f.delayed());
      assertThat(count(s, Fault.TOO_LATE)).isEqualTo(f.tooLate());
      assertThat(count(s, Fault.UNREADABLE)).isEqualTo(f.unreadable());
      assertThat(count(s, Fault.UNKNOWN_SCHEMA)).isEqualTo(f.unknownSchema());
      assertThat(count(s, Fault.IMPOSSIBLE)).isEqualTo(f.impossible());
      assertThat(count(s, Fault.NONE) + f.delayed()).isEqualTo(f.events());
      assertThat(sim.records(s)).hasSize((int) f.records());
      assertThat(f.expectedRejected())
          .isEqualTo(f.tooLate() + f.unreadable() + f.unknownSchema() + f.impossible());
    }
    assertThat(sim.faults().expectedRejections(EventStream.INTERACTIONS))
        .containsKeys(
            RejectReason.TOO_LATE,
            RejectReason.UNREADABLE_BYTES,
            RejectReason.UNKNOWN_SCHEMA,
            RejectReason.IMPOSSIBLE_TRANSITION);
    JsonNode interactions =
        Json.readObject(sim.faults().toJson(TopicNames.defaults()))
            .get("topics")
            .get("ccpulse.interactions");
    assertThat(interactions.get("impossible").longValue())
        .isEqualTo(sim.faults().stream(EventStream.INTERACTIONS).impossible());
    assertThat(interactions.get("expected_rejected").get("IMPOSSIBLE_TRANSITION").longValue())
        .isEqualTo(
            sim.faults()
                .expectedRejections(EventStream.INTERACTIONS)
                .get(RejectReason.IMPOSSIBLE_TRANSITION));
  }

  @Test
  void recordsAreDeliveredInDeliveryOrder() {
    long last = Long.MIN_VALUE;
    for (DeliveredRecord r : sim.records()) {
      assertThat(r.deliveredAtMillis()).isGreaterThanOrEqualTo(last);
      last = r.deliveredAtMillis();
    }
  }

  @Test
  void delaysStayWithinTheMaximumAndManyExceedThePipelinesOutOfOrdernessBound() {
    List<DeliveredRecord> delayed = byFault.get(Fault.DELAYED);
    assertThat(delayed)
        .allSatisfy(
            r -> assertThat(r.deliveredAtMillis() - r.occurredAtMillis()).isBetween(1L, 120_000L));
    // The job's default bound is 30 s: these arrive behind its watermark and take the
    // late-correction path.
    long behindWatermark =
        delayed.stream().filter(r -> r.deliveredAtMillis() - r.occurredAtMillis() > 30_000).count();
    assertThat(behindWatermark).isGreaterThan(delayed.size() / 2);
  }

  @Test
  void duplicatesRepeatAnEarlierRecordByteForByte() {
    Set<String> seen = new HashSet<>();
    for (DeliveredRecord r : sim.records()) {
      String bytes = Arrays.toString(r.value());
      if (r.fault() == Fault.DUPLICATE) {
        assertThat(seen).contains(bytes);
        assertThat(r.deliveredAtMillis() - r.occurredAtMillis()).isBetween(1L, 120_001L);
      } else if (r.fault() == Fault.NONE || r.fault() == Fault.DELAYED) {
        seen.add(bytes);
      }
    }
  }

  @Test
  void tooLateContactsAreDeliveredWholeAndLateBeyondTheAllowedLateness() {
    long delay = Duration.ofMinutes(5).plus(Duration.ofMinutes(30)).toMillis();
    Set<String> late = new HashSet<>();
    for (DeliveredRecord r : byFault.get(Fault.TOO_LATE)) {
      assertThat(r.deliveredAtMillis() - r.occurredAtMillis()).isEqualTo(delay);
      late.add(r.key());
    }
    assertThat(late).hasSize((int) sim.faults().tooLateContacts());
    // No event of a too-late contact is delivered on time.
    for (DeliveredRecord r : sim.records()) {
      if (r.stream() != EventStream.AGENT_STATES && r.fault() != Fault.TOO_LATE) {
        assertThat(late).doesNotContain(r.key());
      }
    }
    // The stream goes on long after each of them, so the pipeline's watermark is past their
    // windows.
    long lastOnTime =
        sim.stream()
            .filter(r -> r.fault() == Fault.NONE)
            .mapToLong(DeliveredRecord::occurredAtMillis)
            .max()
            .orElseThrow();
    assertThat(byFault.get(Fault.TOO_LATE))
        .allSatisfy(r -> assertThat(r.deliveredAtMillis()).isLessThan(lastOnTime));
  }

  @Test
  void garbageIsRejectedForTheRightReason() {
    assertThat(byFault.get(Fault.UNREADABLE))
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(Records.tryDecode(r).reason()).isEqualTo(RejectReason.UNREADABLE_BYTES));
    assertThat(byFault.get(Fault.UNKNOWN_SCHEMA))
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(Records.tryDecode(r).reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA));
  }

  @Test
  void impossibleTransitionsAreValidEventsWithFreshIds() {
    Map<String, InteractionType> onTimeIds = new HashMap<>();
    for (DeliveredRecord r : sim.records(EventStream.INTERACTIONS)) {
      if (r.fault() == Fault.NONE || r.fault() == Fault.DELAYED) {
        InteractionEvent e = (InteractionEvent) Records.decode(r);
        onTimeIds.put(e.getEventId(), e.getType());
      }
    }
    List<DeliveredRecord> impossible = byFault.get(Fault.IMPOSSIBLE);
    assertThat(impossible).isNotEmpty();
    long holdEnds = 0;
    for (DeliveredRecord r : impossible) {
      InteractionEvent e = (InteractionEvent) Records.decode(r);
      assertThat(onTimeIds).doesNotContainKey(e.getEventId());
      assertThat(e.getType()).isIn(InteractionType.HOLD_ENDED, InteractionType.ANSWERED);
      assertThat(e.getAgentId()).isNotNull();
      holdEnds += e.getType() == InteractionType.HOLD_ENDED ? 1 : 0;
    }
    assertThat(holdEnds).isBetween(1L, impossible.size() - 1L);
  }

  private static long count(EventStream s, Fault f) {
    return byFault.get(f).stream().filter(r -> r.stream() == s).count();
  }
}
