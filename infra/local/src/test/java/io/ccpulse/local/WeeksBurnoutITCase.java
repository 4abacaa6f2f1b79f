package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.Trajectory;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.time.Duration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ten days of the weekly rota (Monday of the first week to Wednesday of the second, seed 1, default
 * faults) through the broker, the job and ClickHouse: every interval row and rate equals the
 * simulator's truth on every day, and from the second week the baselines' indicators reach the
 * agents whose work changed and not the steady ones (docs/burnout.md, "Over weeks"). The full three
 * weeks: {@code make run ARGS="--preset weeks"}.
 */
class WeeksBurnoutITCase {
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
  void baselinesReachTheAgentsWhoseWorkChanged() throws Exception {
    Scenario scenario = Preset.WEEKS.builder().seed(1).duration(Duration.ofDays(10)).build();
    SimulatedDay run = SimulatedDay.run(scenario, KAFKA, CLICKHOUSE, "weeks-burnout");
    run.assertMatchesTheTruth();

    WeeksBurnout weeks = WeeksBurnout.read(run.endpoint(), scenario);
    weeks.print(System.out);
    assertThat(weeks.assessed()).isEqualTo(scenario.agents());
    assertThat(weeks.agents().stream().filter(a -> a.trajectory() != Trajectory.STEADY))
        .extracting(AgentProfile::id)
        .hasSize(4);
    for (WeeksBurnout.Check c : WeeksBurnout.Check.values()) {
      long should = weeks.agents().stream().filter(c.shouldReach).count();
      assertThat(should).as(c.factor).isPositive();
      assertThat(weeks.count(c, true, true))
          .as("%s: reached of those changed", c.factor)
          .isEqualTo(should);
      assertThat(weeks.count(c, false, true)).as("%s: reached of the others", c.factor).isZero();
    }
  }
}
