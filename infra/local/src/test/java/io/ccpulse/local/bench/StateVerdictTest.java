package io.ccpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The verdict compares whole weeks' means and names the state that grows. */
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
              agents * 2048 + seenOnDay.apply(day) * 400,
              Map.of(
                  "agent @ agent-time",
                  agents,
                  "seen-event-ids @ agent-time",
                  seenOnDay.apply(day))));
    }
    return days;
  }

  private static List<StateDay> withoutEntries(List<StateDay> days) {
    return days.stream()
        .map(
            d ->
                new StateDay(
                    d.day(),
                    d.date(),
                    d.records(),
                    d.heapAfterGc(),
                    d.checkpointId(),
                    d.checkpointBytes(),
                    Map.of()))
        .toList();
  }

  @Test
  void aWeeklyRhythmAfterTheFirstWeekIsFlat() {
    List<String> lines = StateVerdict.lines(days(21, day -> 300L), 40);

    assertThat(lines)
        .anyMatch(l -> l.startsWith("The week before (days 1-7 -> days 8-14, weekly means)"))
        .anyMatch(l -> l.startsWith("The last week (days 8-14 -> days 15-21, weekly means)"))
        .anyMatch(l -> l.startsWith("No state's mean grew over the last week"))
        .anyMatch(
            l ->
                l.startsWith("Verdict: flat after the first week")
                    && l.contains("from days 8-14 to days 15-21"))
        .anyMatch(l -> l.startsWith("Per agent (40) at the end of day 21:"));
  }

  @Test
  void aStateThatKeepsGrowingIsNamedWithItsGrowthADay() {
    List<String> lines = StateVerdict.lines(days(21, day -> day * 500L), 40);

    assertThat(lines)
        .contains(
            "States that grew over the last week (weekly means): seen-event-ids @ agent-time"
                + " 5,500 -> 9,000 (+500 a day)",
            "Every other state together: 857 -> 857 entries (+0.0 %)")
        .anyMatch(
            l ->
                l.startsWith(
                        "Verdict: NOT flat after the first week: the weekly mean of checkpoint,"
                            + " entries grew")
                    && l.contains("from days 8-14 to days 15-21"));
  }

  @Test
  void oneBusySampleDoesNotDecide() {
    List<StateDay> days = new ArrayList<>(withoutEntries(days(22, day -> 300L)));
    StateDay busy = days.get(17); // day 18: caught with many contacts open
    days.set(
        17,
        new StateDay(
            busy.day(),
            busy.date(),
            busy.records(),
            busy.heapAfterGc(),
            busy.checkpointId(),
            busy.checkpointBytes() * 14 / 10,
            Map.of()));

    List<String> lines = StateVerdict.lines(days, 40);

    assertThat(lines).noneMatch(l -> l.contains("entries"));
    assertThat(lines)
        .anyMatch(l -> l.startsWith("The last week (days 9-15 -> days 16-22, weekly means)"))
        .anyMatch(l -> l.startsWith("Verdict: flat after the first week"));
  }

  @Test
  void withoutEntriesTheHeapAndCheckpointDecide() {
    List<String> lines = StateVerdict.lines(withoutEntries(days(21, day -> day * 500L)), 40);

    assertThat(lines).noneMatch(l -> l.contains("entries"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith(
                    "Verdict: NOT flat after the first week: the weekly mean of checkpoint grew"));
  }

  @Test
  void lessThanTwoWeeksAfterTheFirstGivesNoVerdict() {
    assertThat(StateVerdict.lines(days(20, day -> 0L), 40))
        .singleElement()
        .asString()
        .startsWith("Too short for a verdict");
    assertThat(StateVerdict.lines(List.of(), 40)).containsExactly("No day sampled: no verdict.");
  }
}
