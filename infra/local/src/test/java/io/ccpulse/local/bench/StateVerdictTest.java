package io.ccpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The verdict compares the same weekday a week apart and names the state that grows. */
class StateVerdictTest {
  private static final LocalDate MONDAY = LocalDate.parse("2026-01-05");

  /** Days 1..n; agents log in over the first week, weekends are quieter, nothing else grows. */
  private static List<StateDay> days(int n, IntFunction<Long> seenOnDay) {
    List<StateDay> days = new ArrayList<>();
    for (int day = 1; day <= n; day++) {
      LocalDate date = MONDAY.plusDays(day - 1);
      boolean weekend = date.getDayOfWeek().compareTo(DayOfWeek.SATURDAY) >= 0;
      long ramp = Math.min(day, 7) * 1_000L / 7;
      long agents = weekend ? ramp / 2 : ramp;
      days.add(
          new StateDay(
              day,
              date,
              day * 3_500L,
              (200L << 20) + agents * 4096,
              day * 9L,
              agents * 2048 + seenOnDay.apply(day) * 40,
              Map.of(
                  "agent @ agent-time",
                  agents,
                  "seen-event-ids @ agent-time",
                  seenOnDay.apply(day))));
    }
    return days;
  }

  @Test
  void aWeeklyRhythmAfterTheFirstWeekIsFlat() {
    List<String> lines = StateVerdict.lines(days(21, day -> 300L), 40);

    assertThat(lines)
        .anyMatch(l -> l.startsWith("The week before (day 7 -> day 14, both SUNDAY)"))
        .anyMatch(l -> l.startsWith("The last week (day 14 -> day 21, both SUNDAY)"))
        .anyMatch(l -> l.startsWith("No state grew over the last week"))
        .anyMatch(
            l ->
                l.startsWith("Verdict: flat after the first week")
                    && l.contains("day 14 to day 21"))
        .anyMatch(l -> l.startsWith("Per agent (40) at the end of day 21:"));
  }

  @Test
  void aStateThatKeepsGrowingIsNamedWithItsGrowthADay() {
    List<String> lines = StateVerdict.lines(days(21, day -> day * 500L), 40);

    assertThat(lines)
        .contains(
            "States that grew over the last week: seen-event-ids @ agent-time 7,000 -> 10,500"
                + " (+500 a day)",
            "Every other state together: 500 -> 500 entries (+0.0 %)")
        .anyMatch(
            l ->
                l.startsWith("Verdict: NOT flat after the first week: checkpoint, entries grew")
                    && l.contains("from day 14 to day 21"));
  }

  @Test
  void withoutEntriesTheHeapAndCheckpointDecide() {
    List<StateDay> days = new ArrayList<>();
    for (StateDay d : days(15, day -> 0L)) {
      days.add(
          new StateDay(
              d.day(), d.date(), d.records(), d.heapAfterGc(), 1, d.checkpointBytes(), Map.of()));
    }
    List<String> lines = StateVerdict.lines(days, 40);

    assertThat(lines).noneMatch(l -> l.contains("entries"));
    assertThat(lines).anyMatch(l -> l.startsWith("Verdict: flat after the first week"));
    assertThat(lines).anyMatch(l -> l.startsWith("The last week (day 8 -> day 15, both MONDAY)"));
  }

  @Test
  void lessThanTwoWeeksGivesNoVerdict() {
    assertThat(StateVerdict.lines(days(13, day -> 0L), 40))
        .singleElement()
        .asString()
        .startsWith("Too short for a verdict");
    assertThat(StateVerdict.lines(List.of(), 40)).containsExactly("No day sampled: no verdict.");
  }
}
