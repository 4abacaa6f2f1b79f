package io.ccpulse.simulator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.Fault;
import io.ccpulse.simulator.output.JsonLinesOutput;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated day written as JSON lines and imported again is the day the simulator published:
 * every event record, with its bytes, key, event time and delivery time (the record timestamp), in
 * delivery order. So {@code make replay} of a simulated day judges its late and too-late events as
 * the simulated stream did.
 */
class JsonLinesRoundTripTest {
  @TempDir Path dir;

  @Test
  void aSimulatedDayWithLateAndTooLateEventsComesBackAsItWasDelivered() throws Exception {
    Simulation sim =
        Simulator.run(
            Preset.SMALL
                .builder()
                .seed(13)
                .duration(Duration.ofHours(3))
                .faults(
                    FaultSettings.defaults()
                        .withDuplicateRate(0.02)
                        .withOutOfOrder(0.05, Duration.ofMinutes(2))
                        .withTooLate(0.05, Duration.ofMinutes(5), null)
                        .withUnreadableRate(0.01))
                .build());
    Path file = dir.resolve("day.jsonl");
    long leftOut;
    try (JsonLinesOutput out = new JsonLinesOutput(file)) {
      sim.records().forEach(out::accept);
      leftOut = out.leftOut();
    }
    List<DeliveredRecord> imported = new ArrayList<>();
    List<ImportReport.BadLine> bad = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      new Importer().run(in, Importer.Order.EVENT_TIME, imported::add, bad::add);
    }

    List<DeliveredRecord> events =
        sim.records().stream()
            .filter(r -> r.fault() != Fault.UNREADABLE && r.fault() != Fault.UNKNOWN_SCHEMA)
            .toList();
    assertThat(bad).isEmpty();
    assertThat(leftOut).isEqualTo(sim.records().size() - events.size()).isPositive();
    assertThat(events)
        .as("the day has late and too-late deliveries")
        .anyMatch(r -> r.fault() == Fault.TOO_LATE)
        .anyMatch(r -> r.fault() == Fault.DELAYED)
        .anyMatch(r -> r.fault() == Fault.DUPLICATE);
    assertThat(imported.stream().map(JsonLinesRoundTripTest::published).toList())
        .containsExactlyElementsOf(
            events.stream()
                .sorted(java.util.Comparator.comparingLong(DeliveredRecord::deliveredAtMillis))
                .map(JsonLinesRoundTripTest::published)
                .toList());
  }

  /** What Kafka gets: topic stream, key, bytes, record timestamp; and the event time inside. */
  private static String published(DeliveredRecord r) {
    return r.stream()
        + " "
        + r.key()
        + " "
        + r.deliveredAtMillis()
        + " "
        + r.occurredAtMillis()
        + " "
        + Base64.getEncoder().encodeToString(r.value());
  }
}
