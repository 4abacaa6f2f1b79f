package io.ccpulse.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.RejectReason;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.json.Json;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.Fault;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.FuzzSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fuzz stream: every kind of bad event, counted by reason, the same for the same seed, beside
 * an untouched day.
 */
class FuzzTest {
  private static final FuzzSettings FUZZ =
      FuzzSettings.of(600)
          .withContactEvents(1_200)
          .withTenantsListed(true)
          .withContactLimits(500, Duration.ofMinutes(90));

  private static Scenario scenario(FuzzSettings fuzz) {
    return Preset.SMALL.builder().seed(5).faults(FaultSettings.none().withFuzz(fuzz)).build();
  }

  @Test
  void mixesEveryKindOfBadEventIntoTheDayAndSaysWhy() {
    Simulation sim = Simulator.run(scenario(FUZZ));
    List<FuzzedEvent> fuzzed = sim.faults().fuzzed();
    // 600 single events, a login naming 10,000 queues, the holding contact, the stretched one (90
    // min
    // in 20-minute steps, then one past it).
    assertThat(fuzzed).hasSize(600 + 1 + 1_200 + 6);
    assertThat(fuzzed.stream().map(FuzzedEvent::reason).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            RejectReason.INVALID_ID,
            RejectReason.FIELD_TOO_LONG,
            RejectReason.ANCIENT_TIMESTAMP,
            RejectReason.FUTURE_TIMESTAMP,
            RejectReason.INVALID_FIELD,
            RejectReason.UNKNOWN_TENANT,
            RejectReason.TOO_MANY_QUEUES,
            RejectReason.IMPOSSIBLE_TRANSITION,
            RejectReason.TOO_MANY_EVENTS,
            RejectReason.CONTACT_TOO_LONG);
    Map<RejectReason, Long> holding =
        fuzzed.stream()
            .filter(f -> f.defect().contains("hold"))
            .collect(Collectors.groupingBy(FuzzedEvent::reason, Collectors.counting()));
    assertThat(holding)
        .containsEntry(RejectReason.TOO_MANY_EVENTS, 700L)
        .containsEntry(RejectReason.IMPOSSIBLE_TRANSITION, 505L);
    assertThat(fuzzed.stream().filter(f -> f.reason() == RejectReason.CONTACT_TOO_LONG)).hasSize(1);
    // Each special contact is one contact: one tenant, one interaction id.
    Map<String, Long> contacts =
        sim.records().stream()
            .filter(r -> r.fault() == Fault.FUZZ && r.stream() == EventStream.INTERACTIONS)
            .map(r -> EventCodec.interactions().decode(r.value()).event())
            .filter(
                e ->
                    e.getInteractionId().startsWith("ix-fuzz-holds-")
                        || e.getInteractionId().startsWith("ix-fuzz-stretched-"))
            .collect(
                Collectors.groupingBy(
                    e -> e.getTenantId() + " " + e.getInteractionId().substring(0, 12),
                    Collectors.counting()));
    assertThat(contacts).hasSize(2).containsValues(1_200L, 6L);
    assertThat(new HashSet<>(fuzzed.stream().map(FuzzedEvent::eventId).toList()))
        .hasSize(fuzzed.size());

    // The summary's expected rejections count them by topic, beside the other faults (none here).
    long expected =
        Arrays.stream(EventStream.values())
            .mapToLong(
                s ->
                    sim.faults().expectedRejections(s).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
            .sum();
    assertThat(expected).isEqualTo(fuzzed.size());
    JsonNode topics = Json.readObject(sim.faults().toJson(TopicNames.defaults())).get("topics");
    long inJson = 0;
    for (JsonNode topic : topics) {
      for (JsonNode n : topic.get("expected_rejected")) {
        inJson += n.longValue();
      }
    }
    assertThat(inJson).isEqualTo(expected);
    assertThat(topics.get("ccpulse.interactions").get("fuzz").get("INVALID_ID").longValue())
        .isPositive();

    // Delivered among the day's records, in delivery order, each decoding to its event id.
    List<DeliveredRecord> bad =
        sim.records().stream().filter(r -> r.fault() == Fault.FUZZ).toList();
    assertThat(bad).hasSize(fuzzed.size());
    for (int i = 1; i < sim.records().size(); i++) {
      assertThat(sim.records().get(i).deliveredAtMillis())
          .isGreaterThanOrEqualTo(sim.records().get(i - 1).deliveredAtMillis());
    }
    EventCodec<InteractionEvent> codec = EventCodec.interactions();
    InteractionEvent first =
        codec
            .decode(
                bad.stream()
                    .filter(r -> r.stream() == EventStream.INTERACTIONS)
                    .findFirst()
                    .orElseThrow()
                    .value())
            .event();
    assertThat(first.getEventId()).startsWith("evz-");
  }

  @Test
  void leavesTheDayAndItsTruthAsTheyWere() {
    Simulation clean = Simulator.run(scenario(FuzzSettings.none()));
    Simulation fuzzed = Simulator.run(scenario(FUZZ));
    assertThat(fuzzed.truth()).isEqualTo(clean.truth());
    assertThat(
            fuzzed.records().stream()
                .filter(r -> r.fault() != Fault.FUZZ)
                .map(r -> Arrays.hashCode(r.value()))
                .toList())
        .isEqualTo(clean.records().stream().map(r -> Arrays.hashCode(r.value())).toList());
  }

  @Test
  void theSameSeedGivesTheSameBadEvents() {
    assertThat(Simulator.run(scenario(FUZZ)).faults().fuzzed())
        .isEqualTo(Simulator.run(scenario(FUZZ)).faults().fuzzed());
  }
}
