package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.events.RejectReason;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.faults.FuzzedEvent;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.FuzzSettings;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A simulated day with a fuzz stream mixed in (thousands of malformed events of every kind, a
 * contact with 10,000 holds, one stretched past the contact span, a login naming 10,000 queues),
 * through the real broker, the job and the embedded ClickHouse: the job never restarts (restarts
 * are off, so one failure would end the run), every bad event is in rejected_events under its
 * reason, found by its id, and every good figure still equals the simulator's truth.
 */
class FuzzEndToEndITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /**
   * Shorter than the day (10 h), so a contact can be stretched past it; longer than any real
   * contact.
   */
  private static final Duration CONTACT_SPAN = Duration.ofHours(8);

  @Test
  void badEventsAreRejectedAndTheGoodFiguresStayExact() throws Exception {
    FuzzSettings fuzz =
        FuzzSettings.of(3_000)
            .withTenantsListed(true)
            .withContactLimits(FuzzSettings.DEFAULT_MAX_CONTACT_EVENTS, CONTACT_SPAN);
    Scenario scenario =
        Preset.DEFAULT.builder().seed(23).faults(FaultSettings.defaults().withFuzz(fuzz)).build();
    Map<String, String> settings =
        Map.of(
            "input.tenants",
            String.join(",", LayoutFactory.build(scenario).tenantIds()),
            "input.max-contact-span",
            CONTACT_SPAN.toHours() + "h",
            "flink.restart-strategy.type",
            "none");
    SimulatedDay day =
        SimulatedDay.run(scenario, KAFKA, CLICKHOUSE, "fuzz", settings); // throws if the job failed
    Simulation sim = day.sim();
    ClickHouseEndpoint endpoint = day.endpoint();

    List<FuzzedEvent> fuzzed = sim.faults().fuzzed();
    assertThat(fuzzed).hasSizeGreaterThan(13_000);
    Map<String, String> found = rejectedFuzz(endpoint);
    List<String> missing = new ArrayList<>();
    for (FuzzedEvent bad : fuzzed) {
      String reason = found.get(day.topics().of(bad.stream()) + " " + bad.eventId());
      if (!bad.reason().name().equals(reason) && missing.size() < 20) {
        missing.add(bad + " found as " + reason);
      }
    }
    assertThat(missing).isEmpty();
    assertThat(found).hasSize(fuzzed.size()); // and no good event was taken for a bad one

    assertThat(
            fuzzed.stream()
                .filter(f -> f.stream() == EventStream.INTERACTIONS)
                .map(FuzzedEvent::reason))
        .contains(
            RejectReason.INVALID_ID,
            RejectReason.FIELD_TOO_LONG,
            RejectReason.ANCIENT_TIMESTAMP,
            RejectReason.FUTURE_TIMESTAMP,
            RejectReason.UNKNOWN_TENANT,
            RejectReason.TOO_MANY_EVENTS,
            RejectReason.CONTACT_TOO_LONG);
    assertThat(
            fuzzed.stream()
                .filter(f -> f.stream() == EventStream.AGENT_STATES)
                .map(FuzzedEvent::reason))
        .contains(RejectReason.TOO_MANY_QUEUES);

    // The day's other faults, record by record, beside the fuzz.
    FaultCheck.Report faults =
        FaultCheck.compare(
            day.badRecords().stream().map(FaultCheck.Rejection::of).toList(),
            rejectedOtherThanFuzz(endpoint));
    assertThat(faults.allAccountedFor()).as(faults.problems()).isTrue();

    TruthComparison.Report report = TruthComparison.compare(sim.truth(), endpoint);
    assertThat(report.truthRows()).isGreaterThan(15_000); // 19,473 on this day
    assertThat(report.differences()).isEmpty();
    assertThat(report.matched()).isEqualTo(report.truthRows());
  }

  private static List<FaultCheck.Rejection> rejectedOtherThanFuzz(ClickHouseEndpoint endpoint)
      throws Exception {
    List<FaultCheck.Rejection> found = new ArrayList<>();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT source_topic, source_partition, source_offset, reason FROM rejected_events"
                    + " FINAL WHERE NOT startsWith(event_id, 'evz-')")) {
      while (rs.next()) {
        found.add(
            new FaultCheck.Rejection(
                rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4)));
      }
    }
    return found;
  }

  /** Rejections of fuzz events (their ids start evz-), by topic and event id: the reason. */
  private static Map<String, String> rejectedFuzz(ClickHouseEndpoint endpoint) throws Exception {
    Map<String, String> found = new HashMap<>();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT source_topic, event_id, reason FROM rejected_events FINAL"
                    + " WHERE startsWith(event_id, 'evz-')")) {
      while (rs.next()) {
        String previous = found.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
        assertThat(previous).as("one rejection per bad event: " + rs.getString(2)).isNull();
      }
    }
    return found;
  }
}
