package io.ccpulse.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Is the state flat after the first week? Each measure's mean over the last seven days sampled
 * against its mean over the seven before (a whole week each, so the weekly rhythm, quieter weekends
 * and the rota's days off, cancels out, and one sample caught with many contacts open does not
 * decide): flat if no mean grew by more than {@link #FLAT}. The states that grew are named, with
 * how much a day, so growth is traced to its state.
 */
final class StateVerdict {
  /** Growth over a week still called flat: the machine and RocksDB's estimates are noisy. */
  static final double FLAT = 0.10;

  /** A state growing by fewer entries than this over a week is noise, whatever its ratio. */
  static final long MIN_ENTRIES = 100;

  private static final int WEEK = 7;

  private StateVerdict() {}

  /**
   * @param days consecutive, as sampled
   * @param agents in the scenario, for the state per agent
   */
  static List<String> lines(List<StateDay> days, int agents) {
    List<String> t = new ArrayList<>();
    if (days.isEmpty()) {
      return List.of("No day sampled: no verdict.");
    }
    int n = days.size();
    if (n < 2 * WEEK || days.get(n - 2 * WEEK).day() <= WEEK) {
      t.add(
          "Too short for a verdict: flat after the first week needs two whole weeks after it"
              + " (day 21 or later; last day sampled: "
              + days.get(n - 1).day()
              + ")");
      return t;
    }
    StateDay last = mean(days.subList(n - WEEK, n));
    StateDay before = mean(days.subList(n - 2 * WEEK, n - WEEK));
    if (n >= 3 * WEEK) {
      t.add(week("The week before", mean(days.subList(n - 3 * WEEK, n - 2 * WEEK)), before));
    }
    t.add(week("The last week", before, last));
    List<String> growing = growing(before, last);
    if (last.hasEntries()) {
      t.add(
          growing.isEmpty()
              ? String.format(
                  "No state's mean grew over the last week by more than %.0f %% and %d entries",
                  FLAT * 100, MIN_ENTRIES)
              : "States that grew over the last week (weekly means): "
                  + String.join("; ", growing));
      if (!growing.isEmpty()) {
        List<String> names = grownStates(before, last);
        long rest = entriesBut(before, names);
        long restNow = entriesBut(last, names);
        t.add(
            String.format(
                "Every other state together: %,d -> %,d entries (%s)",
                rest, restNow, percent(rest, restNow)));
      }
    }
    List<String> grew = new ArrayList<>();
    if (growth(before.heapAfterGc(), last.heapAfterGc()) > FLAT) {
      grew.add("heap after GC");
    }
    if (growth(before.checkpointBytes(), last.checkpointBytes()) > FLAT) {
      grew.add("checkpoint");
    }
    if (last.hasEntries() && growth(before.totalEntries(), last.totalEntries()) > FLAT) {
      grew.add("entries");
    }
    String weeks = String.format("from %s to %s", span(before), span(last));
    t.add(
        grew.isEmpty()
            ? String.format(
                "Verdict: flat after the first week (no weekly mean grew by more than %.0f %% %s)",
                FLAT * 100, weeks)
            : String.format(
                "Verdict: NOT flat after the first week: the weekly mean of %s grew by more than"
                    + " %.0f %% %s",
                String.join(", ", grew), FLAT * 100, weeks));
    StateDay end = days.get(n - 1);
    t.add(
        String.format(
            "Per agent (%d) at the end of day %d: checkpoint %,.1f KiB%s",
            agents,
            end.day(),
            end.checkpointBytes() / 1024.0 / agents,
            end.hasEntries()
                ? String.format(", %,.0f entries", end.totalEntries() / (double) agents)
                : ""));
    return t;
  }

  /** A week as one day: the last day's number, date and records, every measure's mean. */
  static StateDay mean(List<StateDay> week) {
    StateDay last = week.get(week.size() - 1);
    Map<String, Long> entries = new TreeMap<>();
    week.forEach(d -> d.entries().forEach((s, e) -> entries.merge(s, e, Long::sum)));
    entries.replaceAll((s, sum) -> Math.round(sum / (double) week.size()));
    return new StateDay(
        last.day(),
        last.date(),
        last.records(),
        Math.round(week.stream().mapToLong(StateDay::heapAfterGc).average().orElse(0)),
        last.checkpointId(),
        Math.round(week.stream().mapToLong(StateDay::checkpointBytes).average().orElse(0)),
        entries);
  }

  /**
   * The states whose entries grew by more than FLAT and MIN_ENTRIES from one day to the other, most
   * entries first.
   */
  static List<String> grownStates(StateDay from, StateDay to) {
    return to.entries().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(
            e -> {
              long was = from.entries().getOrDefault(e.getKey(), 0L);
              return e.getValue() - was >= MIN_ENTRIES && growth(was, e.getValue()) > FLAT;
            })
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The same, each with its entries on both days and its growth a day. */
  static List<String> growing(StateDay from, StateDay to) {
    int days = to.day() - from.day();
    return grownStates(from, to).stream()
        .map(
            s -> {
              long was = from.entries().getOrDefault(s, 0L);
              long now = to.entries().get(s);
              return String.format("%s %,d -> %,d (+%,d a day)", s, was, now, (now - was) / days);
            })
        .toList();
  }

  private static long entriesBut(StateDay day, List<String> states) {
    return day.entries().entrySet().stream()
        .filter(e -> !states.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static String span(StateDay week) {
    return String.format("days %d-%d", week.day() - WEEK + 1, week.day());
  }

  private static String week(String label, StateDay from, StateDay to) {
    return String.format(
        "%s (%s -> %s, weekly means): heap after GC %,d -> %,d MiB (%s), checkpoint %,.2f ->"
            + " %,.2f MiB (%s)%s",
        label,
        span(from),
        span(to),
        from.heapAfterGc() >> 20,
        to.heapAfterGc() >> 20,
        percent(from.heapAfterGc(), to.heapAfterGc()),
        from.checkpointBytes() / 1048576.0,
        to.checkpointBytes() / 1048576.0,
        percent(from.checkpointBytes(), to.checkpointBytes()),
        to.hasEntries()
            ? String.format(
                ", entries %,d -> %,d (%s)",
                from.totalEntries(),
                to.totalEntries(),
                percent(from.totalEntries(), to.totalEntries()))
            : "");
  }

  /** Relative growth; from nothing to something is infinite growth. */
  static double growth(long from, long to) {
    if (from <= 0) {
      return to > 0 ? Double.POSITIVE_INFINITY : 0;
    }
    return (to - from) / (double) from;
  }

  private static String percent(long from, long to) {
    double g = growth(from, to);
    return Double.isInfinite(g) ? "new" : String.format("%+.1f %%", g * 100);
  }
}
