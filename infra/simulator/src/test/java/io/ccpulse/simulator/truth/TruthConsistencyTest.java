package io.ccpulse.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.simulator.Records;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.Fault;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The truth follows the fault rules: what the pipeline should accept, each event once. */
class TruthConsistencyTest {
  private static final FaultSettings ALL_BUT_TOO_LATE =
      FaultSettings.none()
          .withDuplicateRate(0.05)
          .withOutOfOrder(0.1, FaultSettings.DEFAULT_MAX_DELAY)
          .withUnreadableRate(0.02)
          .withUnknownSchemaRate(0.02)
          .withImpossibleRate(0.05);

  @Test
  void faultsOtherThanTooLateLeaveTheTruthUnchanged() {
    Scenario clean =
        Preset.SMALL
            .builder()
            .seed(21)
            .duration(Duration.ofHours(4))
            .faults(FaultSettings.none())
            .build();
    Scenario faulty = clean.toBuilder().faults(ALL_BUT_TOO_LATE).build();
    Simulation a = Simulator.run(clean);
    Simulation b = Simulator.run(faulty);
    assertThat(b.records().size()).isGreaterThan(a.records().size());
    assertThat(b.truth()).isNotEmpty().isEqualTo(a.truth());
    // Faults change delivery only: the real events are byte for byte those of the clean run.
    List<String> cleanBytes = a.stream().map(r -> Arrays.toString(r.value())).sorted().toList();
    List<String> onTime =
        b.stream()
            .filter(r -> r.fault() == Fault.NONE || r.fault() == Fault.DELAYED)
            .map(r -> Arrays.toString(r.value()))
            .sorted()
            .toList();
    assertThat(onTime).isEqualTo(cleanBytes);
  }

  @Test
  void theTruthIsWhatTheAcceptedRecordsSay() {
    Scenario s =
        Preset.DEFAULT
            .builder()
            .seed(8)
            .faults(ALL_BUT_TOO_LATE.withTooLate(0.05, Duration.ofMinutes(5), null))
            .build();
    Simulation sim = Simulator.run(s);
    assertThat(sim.faults().tooLateContacts()).isPositive();

    // Accept as the pipeline should: drop unreadable, unknown-schema, impossible and too-late
    // records and
    // repeated event ids, then put the rest back in event-time order.
    List<SpecificRecord> accepted = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (DeliveredRecord r : sim.records()) {
      if (r.fault() == Fault.NONE || r.fault() == Fault.DELAYED || r.fault() == Fault.DUPLICATE) {
        SpecificRecord e = Records.decode(r);
        if (ids.add(Records.eventId(e))) {
          accepted.add(e);
        }
      }
    }
    // Same-instant events keep the order they happened in (e.g. TRANSFERRED before its QUEUED).
    accepted.sort(
        Comparator.comparingLong(Records::occurredAt)
            .thenComparingLong(e -> Records.emissionOrder(Records.eventId(e))));
    TruthCalculator again = new TruthCalculator(s.truth());
    accepted.forEach(again::accept);

    assertThat(again.openContacts()).isZero();
    assertThat(again.finish()).isEqualTo(sim.truth());
  }

  @Test
  void tooLateContactsAreLeftOutOfTheTruth() {
    Scenario clean = Preset.DEFAULT.builder().seed(9).faults(FaultSettings.none()).build();
    Scenario late =
        clean.toBuilder()
            .faults(FaultSettings.none().withTooLate(0.1, Duration.ofMinutes(5), null))
            .build();
    Simulation a = Simulator.run(clean);
    Simulation b = Simulator.run(late);
    long handledA = total(a.truth(), Figure.HANDLED);
    long handledB = total(b.truth(), Figure.HANDLED);
    assertThat(b.faults().tooLateContacts()).isGreaterThan(100);
    assertThat(handledB).isLessThan(handledA);
    long enteredA = total(a.truth(), Figure.ENTERED);
    long enteredB = total(b.truth(), Figure.ENTERED);
    assertThat(enteredA - enteredB).isEqualTo(b.faults().tooLateContacts());
  }

  private static long total(List<TruthRow> rows, Figure f) {
    return rows.stream()
        .filter(r -> r.kind() == EntityKind.TENANT_CHANNEL && r.intervalSize().toMinutes() == 15)
        .mapToLong(r -> r.get(f))
        .sum();
  }
}
