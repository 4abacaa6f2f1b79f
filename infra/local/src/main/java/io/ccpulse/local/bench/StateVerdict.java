package io.ccpulse.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Is the state flat after the first week? Each measure at the end of the last day against the same
 * weekday a week before (so the weekly rhythm, quieter weekends and the rota's days off, cancels
 * out): flat if none grew by more than {@link #FLAT} over that week. The states that grew are
 * named, with how much a day, so growth is traced to its state.
 */
final class StateVerdict {
  /** Growth over a week still called flat: the machine and RocksDB's estimates are noisy. */
  static final double FLAT = 0.10;

  /** A state growing by fewer entries than this over a week is noise, whatever its ratio. */
  static final long MIN_ENTRIES = 100;

  private StateVerdict() {}

  /**
   * @param agents in the scenario, for the state per agent
   */
  static List<String> lines(List<StateDay> days, int agents) {
    List<String> t = new ArrayList<>();
    if (days.isEmpty()) {
      return List.of("No day sampled: no verdict.");
    }
    StateDay last = days.get(days.size() - 1);
    Optional<StateDay> weekBefore = day(days, last.day() - 7);
    if (last.day() < 14 || weekBefore.isEmpty()) {
      t.add(
          "Too short for a verdict: flat after the first week needs day 14 or later and the same"
              + " weekday a week before (last day sampled: "
              + last.day()
              + ")");
      return t;
    }
    StateDay before = weekBefore.get();
    day(days, before.day() - 7).ifPresent(b -> t.add(week("The week before", b, before)));
    t.add(week("The last week", before, last));
    List<String> growing = growing(before, last);
    if (last.hasEntries()) {
      t.add(
          growing.isEmpty()
              ? String.format(
                  "No state grew over the last week by more than %.0f %% and %d entries",
                  FLAT * 100, MIN_ENTRIES)
              : "States that grew over the last week: " + String.join("; ", growing));
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
    t.add(
        grew.isEmpty()
            ? String.format(
                "Verdict: flat after the first week (nothing grew by more than %.0f %% from day %d to"
                    + " day %d)",
                FLAT * 100, before.day(), last.day())
            : String.format(
                "Verdict: NOT flat after the first week: %s grew by more than %.0f %% from day %d to"
                    + " day %d",
                String.join(", ", grew), FLAT * 100, before.day(), last.day()));
    t.add(
        String.format(
            "Per agent (%d) at the end of day %d: checkpoint %,.1f KiB%s",
            agents,
            last.day(),
            last.checkpointBytes() / 1024.0 / agents,
            last.hasEntries()
                ? String.format(", %,.0f entries", last.totalEntries() / (double) agents)
                : ""));
    return t;
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

  private static String week(String label, StateDay from, StateDay to) {
    return String.format(
        "%s (day %d -> day %d, both %s): heap after GC %,d -> %,d MiB (%s), checkpoint %,.2f ->"
            + " %,.2f MiB (%s)%s",
        label,
        from.day(),
        to.day(),
        to.date().getDayOfWeek(),
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

  private static Optional<StateDay> day(List<StateDay> days, int day) {
    return days.stream().filter(d -> d.day() == day).findFirst();
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
