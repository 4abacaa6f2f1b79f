package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.TruthRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The truth check beyond the replay settings of {@link EndToEndITCase}: under the production
 * defaults, and with the job's metrics settings changed (the truth computed with them).
 */
class RunSettingsITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @RegisterExtension
  final ClickHouseExtension clickhouse = new ClickHouseExtension(); // a database per test

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /**
   * Several partitions per topic and periodic watermarks (no watermark-per-event), read at full
   * speed. A fast read can only hold the watermark back, never push it ahead of an event's own
   * partition, so with no too-late contacts every event is within the lateness however the
   * partitions interleave: lateness is not in doubt, and every other fault is injected.
   */
  @Test
  void underTheProductionDefaultsEveryRowMatchesTheTruth() throws Exception {
    FaultSettings faults =
        FaultSettings.defaults()
            .withDuplicateRate(0.02)
            .withOutOfOrder(0.05, Duration.ofMinutes(2))
            .withTooLate(0, Duration.ofMinutes(5), null)
            .withUnreadableRate(0.005)
            .withUnknownSchemaRate(0.005)
            .withImpossibleRate(0.02);
    Scenario scenario = Preset.DEFAULT.builder().seed(12).faults(faults).build();
    SimulatedDay day =
        SimulatedDay.run(scenario, KAFKA, clickhouse, "production-defaults", 3, Map.of());
    assertThat(day.badRecords()).hasSizeGreaterThan(100);
    day.assertMatchesTheTruth();
  }

  /**
   * Other interval sizes, thresholds and lateness: the truth follows them, too-late contacts
   * included. The same rows against the default truth differ, as a check must show.
   */
  @Test
  void withOtherMetricsSettingsTheTruthFollowsThem() throws Exception {
    Map<String, String> settings =
        Map.of(
            "event-time.watermark-per-event",
            "true",
            "metrics.intervals",
            "5min,15min,1h",
            "metrics.service-level-threshold",
            "30s",
            "metrics.short-abandon-threshold",
            "10s",
            "metrics.allowed-lateness",
            "3min");
    FaultSettings faults =
        FaultSettings.defaults()
            .withOutOfOrder(0.05, Duration.ofMinutes(2))
            .withTooLate(0.05, Duration.ofMinutes(5), null)
            .withImpossibleRate(0.02);
    Scenario scenario =
        Preset.SMALL.builder().seed(13).duration(Duration.ofHours(4)).faults(faults).build();
    SimulatedDay day =
        SimulatedDay.run(scenario, KAFKA, clickhouse, "metrics-settings", 1, settings);
    assertThat(day.sim().truth())
        .extracting(r -> r.intervalSize().toMinutes())
        .containsOnly(5L, 15L, 60L);
    assertThat(day.badRecords()).extracting(b -> b.reason().name()).contains("TOO_LATE");
    day.assertMatchesTheTruth();

    // What make run did before it passed the job's settings to the simulator: false differences.
    List<TruthRow> defaultTruth = Simulator.run(scenario).truth();
    assertThat(TruthComparison.compare(defaultTruth, day.endpoint()).allMatch()).isFalse();
  }
}
