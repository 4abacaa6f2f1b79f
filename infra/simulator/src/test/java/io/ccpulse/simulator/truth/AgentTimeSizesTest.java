package io.ccpulse.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.script.WorkedExample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agent time in sizes of its own: its rows in those, the interval kinds' rows unchanged. */
class AgentTimeSizesTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration QUARTER = Duration.ofMinutes(15);

  @Test
  void agentTimeRowsComeInTheirOwnSizesAndTheOtherKindsKeepTheirs() {
    List<TruthRow> both = Simulator.replay(WorkedExample.day(), TruthSettings.defaults()).truth();
    TruthSettings quarterOnly = TruthSettings.defaults().withAgentTimeIntervals(List.of(QUARTER));
    List<TruthRow> rows = Simulator.replay(WorkedExample.day(), quarterOnly).truth();

    assertThat(rows)
        .filteredOn(r -> r.kind() == EntityKind.AGENT_TIME)
        .isNotEmpty()
        .allMatch(r -> r.intervalSize().equals(QUARTER));
    assertThat(rows)
        .as("every row of the default truth but the 1-minute agent time, equal")
        .containsExactlyElementsOf(
            both.stream()
                .filter(
                    r -> !(r.kind() == EntityKind.AGENT_TIME && r.intervalSize().equals(MINUTE)))
                .toList());
  }

  @Test
  void agentTimeMayHaveASizeTheIntervalFiguresDoNotHave() {
    TruthSettings settings =
        new TruthSettings(
            List.of(QUARTER),
            TruthSettings.DEFAULT_SERVICE_LEVEL,
            TruthSettings.DEFAULT_SHORT_ABANDON,
            List.of(Duration.ofMinutes(5)));
    List<TruthRow> rows = Simulator.replay(WorkedExample.day(), settings).truth();
    assertThat(rows)
        .filteredOn(r -> r.kind() == EntityKind.AGENT_TIME)
        .isNotEmpty()
        .allMatch(r -> r.intervalSize().equals(Duration.ofMinutes(5)));
    assertThat(rows)
        .filteredOn(r -> r.kind() != EntityKind.AGENT_TIME)
        .isNotEmpty()
        .allMatch(r -> r.intervalSize().equals(QUARTER));
  }

  @Test
  void agentsHaveRowsAtTheirOwnSizesQueuesAndChannelsAtEvery() {
    TruthSettings everySize = TruthSettings.defaults().withAgentIntervals(List.of(MINUTE, QUARTER));
    List<TruthRow> all = Simulator.replay(WorkedExample.day(), everySize).truth();
    List<TruthRow> rows = Simulator.replay(WorkedExample.day(), TruthSettings.defaults()).truth();

    assertThat(all)
        .filteredOn(r -> r.kind() == EntityKind.AGENT && r.intervalSize().equals(MINUTE))
        .isNotEmpty();
    assertThat(rows)
        .as("the default truth: every row but the agents' 1-minute ones")
        .containsExactlyElementsOf(
            all.stream()
                .filter(r -> !(r.kind() == EntityKind.AGENT && r.intervalSize().equals(MINUTE)))
                .toList());
    assertThat(rows)
        .filteredOn(r -> r.kind() == EntityKind.QUEUE && r.intervalSize().equals(MINUTE))
        .isNotEmpty();
    assertThatThrownBy(
            () ->
                TruthSettings.defaults()
                    .withIntervals(List.of(MINUTE))
                    .withAgentIntervals(List.of(QUARTER)))
        .hasMessageContaining("not all of");
  }
}
