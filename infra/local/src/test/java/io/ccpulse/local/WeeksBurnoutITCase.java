package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.Trajectory;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ten days of the weekly rota (Monday of the first week to Wednesday of the second, seed 1, default
 * faults) through the broker, the job and ClickHouse: every interval row and rate equals the
 * simulator's truth on every day, and from the second week the baselines' indicators reach the
 * agents whose work changed and not the steady ones (docs/burnout.md, "Over weeks"), and so do the
 * weekly scorecards' flags (docs/scorecards.md). The full three weeks: {@code make run
 * ARGS="--preset weeks"}.
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
    // Every interval row, rate, day, rejection and contact fact as the truth says, on every day.
    // Facts late events took back included: ix-aacbcad5-9k9 on the 13th, whose first QUEUED came 2
    // minutes late, after its transfer's QUEUED to another queue, was first taken as arriving
    // there; that ARRIVED stayed in contact_facts when its retraction was versioned no higher
    // (docs/metrics.md §10, "Late events").
    TruthComparison.Report rows = TruthComparison.compare(run.sim().truth(), run.endpoint());
    assertThat(rows.differences()).as(rows.summary()).isEmpty();
    assertThat(rows.matched()).isEqualTo(rows.truthRows()).isPositive();
    AnalystViewCheck.Report views = AnalystViewCheck.check(run.sim().truth(), run.endpoint());
    assertThat(views.differences()).as(views.summary()).isEmpty();
    FaultCheck.Report faults = FaultCheck.check(run.badRecords(), run.endpoint());
    assertThat(faults.allAccountedFor()).as(faults.problems()).isTrue();
    ContactFactCheck.Report facts =
        ContactFactCheck.check(run.sim().contactFacts(), run.endpoint());
    long deleting = ContactFactCheck.deletingRows(run.endpoint());
    System.out.printf(
        "Contact facts: %,d expected, %,d deleting rows, differences: %s%n",
        facts.expected(), deleting, facts.differences());
    assertThat(facts.differences())
        .as("%,d contact facts, %,d differences", facts.expected(), facts.differenceCount())
        .isEmpty();
    // Its retraction stays as a deleting row (FINAL shows neither). Versioned below the fact, it
    // was the row a merge dropped: no deleting row was left, and the fact stayed.
    assertThat(deleting).isPositive();

    WeeksBurnout weeks = WeeksBurnout.read(run.endpoint(), scenario);
    weeks.print(System.out);
    assertThat(weeks.assessed()).isEqualTo(scenario.agents());
    assertThat(weeks.agents().stream().filter(a -> a.trajectory() != Trajectory.STEADY))
        .extracting(AgentProfile::id)
        .hasSize(4);
    // The tables docs/burnout.md quotes, cell by cell: reached / not reached, of the agents that
    // should be reached, then of the others. Every changed agent is reached; a steady one
    // occasionally has a day 33-39 % off its usual or a break that waited (as real ones do).
    assertThat(table(weeks, WeeksBurnout.Check.HANDLE_DRIFT)).containsExactly(4L, 0L, 2L, 34L);
    assertThat(table(weeks, WeeksBurnout.Check.CONCURRENCY)).containsExactly(1L, 0L, 0L, 39L);
    assertThat(table(weeks, WeeksBurnout.Check.LEVEL)).containsExactly(2L, 0L, 2L, 36L);

    // The weekly scorecards of the same run (docs/scorecards.md quotes the tables): the second
    // week (three days) against the first, in flagged / not flagged, of the agents that should be
    // flagged, then of the others.
    WeeksScorecards cards = WeeksScorecards.read(run.endpoint(), scenario);
    cards.print(System.out);
    assertThat(cards.scored()).isEqualTo(scenario.agents());
    assertThat(cards(cards, WeeksScorecards.Check.ANY)).containsExactly(4L, 0L, 0L, 36L);
    assertThat(cards(cards, WeeksScorecards.Check.SLOWER)).containsExactly(2L, 0L, 0L, 38L);
    assertThat(cards(cards, WeeksScorecards.Check.FASTER)).containsExactly(2L, 0L, 0L, 38L);
    assertThat(cards(cards, WeeksScorecards.Check.CSAT)).containsExactly(1L, 1L, 0L, 38L);
  }

  private static List<Long> cards(WeeksScorecards w, WeeksScorecards.Check c) {
    return List.of(
        w.count(c, true, true),
        w.count(c, true, false),
        w.count(c, false, true),
        w.count(c, false, false));
  }

  private static List<Long> table(WeeksBurnout w, WeeksBurnout.Check c) {
    return List.of(
        w.count(c, true, true),
        w.count(c, true, false),
        w.count(c, false, true),
        w.count(c, false, false));
  }
}
