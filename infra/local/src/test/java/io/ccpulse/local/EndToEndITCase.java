package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.events.RejectReason;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.Figure;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A simulated day with every kind of fault, through the real broker, the job in a MiniCluster and
 * the embedded ClickHouse over JDBC: every interval and agent-time row equals the simulator's
 * ground truth, every rate of the analysts' views and every day of daily_metrics equals the one
 * computed from the truth's sums, and every injected bad record is in rejected_events at its Kafka
 * position under its reason.
 */
class EndToEndITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void everyIntervalMatchesTheGroundTruth() throws Exception {
    // Every fault, at rates high enough that each occurs; out-of-order delays up to 2 minutes
    // (beyond
    // the 30 s bound, within the 5-minute lateness). The default day: two contact centers, 100
    // agents.
    FaultSettings settings =
        FaultSettings.defaults()
            .withDuplicateRate(0.02)
            .withOutOfOrder(0.05, Duration.ofMinutes(2))
            .withTooLate(0.05, Duration.ofMinutes(5), null)
            .withUnreadableRate(0.005)
            .withUnknownSchemaRate(0.005)
            .withImpossibleRate(0.02);
    Scenario scenario = Preset.DEFAULT.builder().seed(11).faults(settings).build();
    SimulatedDay day = SimulatedDay.run(scenario, KAFKA, CLICKHOUSE, "end-to-end");
    Simulation sim = day.sim();
    TopicNames topics = day.topics();
    ClickHouseEndpoint endpoint = day.endpoint();

    TruthComparison.Report report = TruthComparison.compare(sim.truth(), endpoint);
    // About 20,000 rows: interval rows at 1 and 15 minutes (agents' at 15 only, the default) and
    // 3,500 agent-time rows (15 minutes only, the default grain).
    assertThat(report.truthRows()).isGreaterThan(15_000);
    assertThat(report.differences()).isEmpty();
    assertThat(report.matched()).isEqualTo(report.truthRows());

    FaultCheck.Report faults = FaultCheck.check(day.badRecords(), endpoint);
    // The simulator noted where every bad record it injected landed: as many as its fault summary
    // says.
    for (EventStream stream : EventStream.values()) {
      Map<String, Long> injected = new TreeMap<>();
      sim.faults()
          .expectedRejections(stream)
          .forEach((reason, n) -> injected.put(reason.name(), n));
      assertThat(faults.expectedByReason().getOrDefault(topics.of(stream), Map.of()))
          .as("%s", stream)
          .isEqualTo(injected);
    }
    assertThat(faults.expectedByReason().get(topics.interactions()))
        .containsKeys(
            RejectReason.TOO_LATE.name(),
            RejectReason.UNREADABLE_BYTES.name(),
            RejectReason.UNKNOWN_SCHEMA.name(),
            RejectReason.IMPOSSIBLE_TRANSITION.name());
    assertThat(faults.allAccountedFor()).as(faults.problems()).isTrue();

    AnalystViewCheck.Report views = AnalystViewCheck.check(sim.truth(), endpoint);
    assertThat(views.differences()).as(views.summary()).isEmpty();
    assertThat(views.rows().get("daily_metrics")).isGreaterThan(100);

    ContactFactCheck.Report facts = ContactFactCheck.check(sim.contactFacts(), endpoint);
    assertThat(facts.expected()).isGreaterThan(10_000);
    assertThat(facts.differences())
        .as("%,d contact facts, %,d differences", facts.expected(), facts.differenceCount())
        .isEmpty();

    // Contact-level figures: every conversation's row, its queue's days, and the handle-time
    // percentiles, each equal to the same computed from the truth's own contacts and legs.
    ContactResolutionCheck.Report contacts =
        ContactResolutionCheck.check(sim.contactResolutions(), sim.contactFacts(), endpoint);
    assertThat(contacts.rows().get("contact_resolutions")).isGreaterThan(5_000);
    assertThat(sim.contactResolutions()).anyMatch(r -> r.transfers() > 0);
    assertThat(sim.contactResolutions()).anyMatch(r -> r.holds() > 1);
    System.out.println("Contact-level check: " + contacts.summary());
    assertThat(contacts.differences()).as(contacts.summary()).isEmpty();
    // Some surveys asked the likelihood to recommend: NPS is in the compared interval rows.
    assertThat(sim.truth())
        .anyMatch(r -> r.get(Figure.NPS_DETRACTORS) > 0)
        .anyMatch(r -> r.get(Figure.NPS_PROMOTERS) > 0);
    // Callers facing a long wait asked to be called back: requests, dials and callback legs are in
    // the compared rows and facts, as the day's callbacks say.
    assertThat(sim.stats().callbacksRequested()).isGreaterThan(10);
    assertThat(sim.truth())
        .anyMatch(r -> r.get(Figure.CALLBACKS_REQUESTED) > 0)
        .anyMatch(r -> r.get(Figure.CALLBACKS_DIALED) > 0)
        .anyMatch(r -> r.get(Figure.CALLBACKS_HANDLED) > 0);
    assertThat(sim.contactFacts()).anyMatch(f -> f.callback());
  }
}
