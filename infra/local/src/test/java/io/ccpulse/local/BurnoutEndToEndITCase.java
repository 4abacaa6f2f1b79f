package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default simulated day (seed 1, default faults) through the broker, the job and ClickHouse:
 * the agents the simulator strained on purpose reach ELEVATED or HIGH, the others stay LOW, with
 * the default burnout settings. Prints the confusion table and, per indicator, how many agents of
 * each kind it flagged, so the figures can be quoted.
 */
class BurnoutEndToEndITCase {
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
  void strainedAgentsStandOutAndTheOthersStayLow() throws Exception {
    Scenario scenario = Preset.DEFAULT.scenario(1);
    SimulatedDay day = SimulatedDay.run(scenario, KAFKA, CLICKHOUSE, "burnout-e2e");
    String levelChanges = day.levelChanges();
    ClickHouseEndpoint endpoint = day.endpoint();
    Set<String> strained =
        LayoutFactory.build(scenario).agents().stream()
            .filter(AgentProfile::strained)
            .map(AgentProfile::id)
            .collect(Collectors.toSet());

    BurnoutConfusion confusion = BurnoutConfusion.read(endpoint, strained);
    confusion.print(System.out);
    RunSummary.printBurnout(endpoint, System.out); // what `make run` shows
    assertThat(confusion.agents()).isEqualTo(scenario.agents());
    assertThat(confusion.latestRows())
        .as("burnout_latest: one row per agent")
        .isEqualTo(scenario.agents());
    assertThat(strained).isNotEmpty();
    // The table docs/burnout.md quotes, cell by cell, and its score ranges.
    assertThat(strained).hasSize(12);
    assertThat(
            List.of(
                confusion.count(true, "LOW"),
                confusion.count(true, "ELEVATED"),
                confusion.count(true, "HIGH")))
        .as("strained: LOW, ELEVATED, HIGH")
        .containsExactly(0L, 1L, 11L);
    assertThat(
            List.of(
                confusion.count(false, "LOW"),
                confusion.count(false, "ELEVATED"),
                confusion.count(false, "HIGH")))
        .as("not strained: LOW, ELEVATED, HIGH")
        .containsExactly(88L, 0L, 0L);
    assertThat(confusion.topScores(true))
        .as("highest scores of the strained")
        .allMatch(s -> s >= 40 && s <= 85);
    assertThat(confusion.topScores(false))
        .as("highest scores of the others")
        .allMatch(s -> s <= 30);

    // Every level change in ClickHouse was also published, keyed by agent (at least once: maybe
    // more).
    assertThat(LevelChangeMessages.read(KAFKA, levelChanges))
        .containsAll(confusion.levelChanges())
        .hasSameElementsAs(confusion.levelChanges());
  }
}
