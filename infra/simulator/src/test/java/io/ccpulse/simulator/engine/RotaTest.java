package io.ccpulse.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.simulator.Records;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.ChannelGroup;
import io.ccpulse.simulator.model.Shift;
import io.ccpulse.simulator.model.Trajectory;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The weeks preset is a rota: day and evening shifts, five days a week with two days off, quieter
 * weekends; and from the second week the agents the plan changes work measurably differently (read
 * back from the events), while the steady ones do not.
 */
class RotaTest {
  private static final long DAY = 86_400_000L;
  private static Scenario scenario;
  private static List<AgentProfile> agents;
  private static List<SpecificRecord> events;
  private static WeekFigures weeks;

  @BeforeAll
  static void simulate() {
    scenario = Preset.WEEKS.builder().seed(3).faults(FaultSettings.none()).build();
    agents = LayoutFactory.build(scenario).agents();
    Simulation sim = Simulator.run(scenario);
    events = Records.decodeAll(sim.records());
    weeks = new WeekFigures(events, scenario.start().toEpochMilli(), 3);
    System.out.println(
        "agent     trajectory group   week: handle s, CSAT, h/shift, breaks/shift, open");
    for (AgentProfile a : agents) {
      if (a.trajectory() != Trajectory.STEADY || a.id().endsWith("1")) {
        StringBuilder line = new StringBuilder();
        for (int w = 0; w < 3; w++) {
          WeekFigures.Week f = weeks.of(a.id(), w);
          line.append(
              String.format(
                  "  %d: %4.0f %.2f %4.1f %.1f %.2f",
                  w + 1,
                  f.meanHandleS(),
                  f.meanCsat(),
                  f.hoursPerShift(),
                  f.breaksPerShift(),
                  f.concurrency()));
        }
        System.out.printf("%s %-10s %-7s%s%n", a.id(), a.trajectory(), a.group(), line);
      }
    }
  }

  @Test
  void everyAgentWorksFiveDaysAWeekOnDaysOrEvenings() {
    assertThat(agents).hasSize(40);
    Map<String, Integer> logins = new HashMap<>();
    Map<String, Set<Integer>> startHours = new HashMap<>();
    for (SpecificRecord e : events) {
      if (e instanceof AgentStateEvent a && a.getState() == AgentState.LOGGED_IN) {
        logins.merge(a.getAgentId(), 1, Integer::sum);
        startHours
            .computeIfAbsent(a.getAgentId(), k -> new HashSet<>())
            .add(a.getOccurredAt().atZone(ZoneOffset.UTC).getHour());
      }
    }
    assertThat(logins).hasSize(40).allSatisfy((a, n) -> assertThat(n).isEqualTo(15));
    // One team each: day (07:00–08:00) or evening (14:00–15:00).
    assertThat(startHours.values())
        .allSatisfy(
            h -> assertThat(Set.of(7, 8).containsAll(h) || Set.of(14, 15).containsAll(h)).isTrue());
    for (AgentProfile a : agents) {
      Set<DayOfWeek> worked = new HashSet<>();
      for (Shift s : a.shifts()) {
        worked.add(Instant.ofEpochMilli(s.startMillis()).atZone(ZoneOffset.UTC).getDayOfWeek());
      }
      assertThat(worked).as(a.id()).hasSize(5);
      DayOfWeek firstOff =
          List.of(DayOfWeek.values()).stream()
              .filter(d -> !worked.contains(d) && worked.contains(d.minus(1)))
              .findFirst()
              .orElseThrow();
      assertThat(worked).as("%s: two days off in a row", a.id()).doesNotContain(firstOff.plus(1));
    }
  }

  @Test
  void everyGroupIsStaffedMorningAndEveningEveryDay() {
    for (ChannelGroup g : ChannelGroup.values()) {
      for (int d = 0; d < 21; d++) {
        long day = scenario.start().toEpochMilli() + d * DAY;
        for (int hour : new int[] {9, 20}) {
          long at = day + hour * 3_600_000L;
          assertThat(
                  agents.stream()
                      .filter(a -> a.group() == g)
                      .flatMap(a -> a.shifts().stream())
                      .anyMatch(s -> s.startMillis() <= at && at < s.endMillis()))
              .as("%s on day %d at %d:00", g, d, hour)
              .isTrue();
        }
      }
    }
  }

  @Test
  void weekendsAreQuieter() {
    long[] perDay = new long[21];
    for (SpecificRecord e : events) {
      if (e instanceof InteractionEvent i
          && i.getType() == InteractionType.QUEUED
          && i.getTargetQueueId() == null) {
        int d = (int) ((i.getOccurredAt().toEpochMilli() - scenario.start().toEpochMilli()) / DAY);
        if (d < 21) {
          perDay[d]++;
        }
      }
    }
    for (int w = 0; w < 3; w++) {
      long weekday = 0;
      for (int d = 0; d < 5; d++) {
        weekday += perDay[7 * w + d];
      }
      double weekend = (perDay[7 * w + 5] + perDay[7 * w + 6]) / 2.0;
      assertThat(weekend / (weekday / 5.0)).as("week %d", w + 1).isBetween(0.3, 0.8);
    }
  }

  @Test
  void twoAgentsChangeInEachOfVoiceAndDigitalTheOthersAreSteady() {
    assertThat(agents.stream().filter(a -> a.trajectory() == Trajectory.STRAIN))
        .extracting(AgentProfile::group)
        .containsExactlyInAnyOrder(ChannelGroup.VOICE, ChannelGroup.DIGITAL);
    assertThat(agents.stream().filter(a -> a.trajectory() == Trajectory.RUSH))
        .extracting(AgentProfile::group)
        .containsExactlyInAnyOrder(ChannelGroup.VOICE, ChannelGroup.DIGITAL);
    assertThat(agents.stream().filter(a -> a.trajectory() == Trajectory.STEADY)).hasSize(36);
  }

  @Test
  void strainBuildsSlowerLongerFewerBreaks() {
    for (AgentProfile a : of(Trajectory.STRAIN)) {
      WeekFigures.Week w1 = weeks.of(a.id(), 0);
      WeekFigures.Week w3 = weeks.of(a.id(), 2);
      assertThat(w3.meanHandleS() / w1.meanHandleS()).as(a.id()).isGreaterThan(1.35);
      assertThat(w3.hoursPerShift() - w1.hoursPerShift()).as(a.id()).isGreaterThan(1.5);
      assertThat(w1.breaksPerShift()).as(a.id()).isGreaterThan(2.5);
      assertThat(w1.breaksPerShift() - w3.breaksPerShift()).as(a.id()).isGreaterThan(0.8);
      if (a.group() == ChannelGroup.DIGITAL) { // takes new chats first: more open at once
        assertThat(w3.concurrency() / w1.concurrency()).as(a.id()).isGreaterThan(1.3);
      }
    }
  }

  @Test
  void rushingCutsHandleTimeAndCsatFollows() {
    for (AgentProfile a : of(Trajectory.RUSH)) {
      WeekFigures.Week w1 = weeks.of(a.id(), 0);
      WeekFigures.Week w3 = weeks.of(a.id(), 2);
      assertThat(w3.meanHandleS() / w1.meanHandleS()).as(a.id()).isLessThan(0.7);
      assertThat(w1.meanCsat() - w3.meanCsat()).as(a.id()).isGreaterThan(0.5);
      assertThat(w3.breaksPerShift()).as(a.id()).isGreaterThan(2.5);
    }
  }

  @Test
  void steadyAgentsWorkTheSameEveryWeek() {
    for (AgentProfile a : of(Trajectory.STEADY)) {
      WeekFigures.Week w1 = weeks.of(a.id(), 0);
      WeekFigures.Week w3 = weeks.of(a.id(), 2);
      assertThat(w3.meanHandleS() / w1.meanHandleS()).as(a.id()).isBetween(0.8, 1.25);
      assertThat(w3.hoursPerShift() - w1.hoursPerShift()).as(a.id()).isBetween(-0.5, 0.5);
      assertThat(w3.breaksPerShift()).as(a.id()).isGreaterThan(2.5);
    }
  }

  private static List<AgentProfile> of(Trajectory t) {
    return agents.stream().filter(a -> a.trajectory() == t).toList();
  }
}
