package io.ccpulse.simulator.scenario;

import io.ccpulse.events.AgentState;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.ChannelGroup;
import io.ccpulse.simulator.model.Pace;
import io.ccpulse.simulator.model.PlannedState;
import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.model.Shift;
import io.ccpulse.simulator.model.Trajectory;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plans a weekly rota over a window of days: a day team (07:00–08:00 starts) and an evening team
 * (14:00–15:00 starts), 8.5-hour shifts, five days a week with two days off in a row, half the
 * agents off every weekend (so weekends are quieter: traffic follows staffing), and in the voice
 * and digital groups one agent whose strain builds and one who starts rushing from the second week
 * ({@link Trajectory}). Times are UTC.
 */
final class RotaPlanner {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long SHIFT = 510 * MINUTE;

  /**
   * Days off per team member in turn: weekends for every other one, weekdays for the rest, so both
   * teams are staffed every day from two members on.
   */
  private static final List<Set<DayOfWeek>> DAYS_OFF =
      List.of(
          Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
          Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY),
          Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
          Set.of(DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
          Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
          Set.of(DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
          Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
          Set.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY));

  private final Rng rng;
  private final long windowStart;
  private final long windowEnd;
  private final long firstDay;

  RotaPlanner(Scenario s, Rng rng) {
    this.rng = rng;
    this.windowStart = s.start().toEpochMilli();
    this.windowEnd = s.end().toEpochMilli();
    this.firstDay = Math.floorDiv(windowStart, DAY) * DAY;
  }

  /**
   * Whose work changes: in voice and digital groups of six or more, the fifth (day team) and the
   * sixth (evening team), both off at weekends, so they work every weekday of the change.
   */
  static Trajectory trajectory(ChannelGroup group, int index, int groupSize) {
    if (group == ChannelGroup.EMAIL || groupSize < 6) {
      return Trajectory.STEADY;
    }
    return index == 4 ? Trajectory.STRAIN : index == 5 ? Trajectory.RUSH : Trajectory.STEADY;
  }

  /** Agent {@code index} of {@code groupSize}: alternately day and evening team. */
  AgentProfile agent(
      String id,
      String tenant,
      ChannelGroup group,
      List<String> queues,
      int capacity,
      int index,
      int groupSize) {
    boolean evening = index % 2 == 1;
    int member = index / 2;
    Set<DayOfWeek> off = DAYS_OFF.get(member % DAYS_OFF.size());
    Trajectory trajectory = trajectory(group, index, groupSize);
    long startOfDay = (evening ? 14 * HOUR : 7 * HOUR) + (member % 5) * 15 * MINUTE;
    List<Shift> shifts = new ArrayList<>();
    for (long day = firstDay; day < windowEnd; day += DAY) {
      DayOfWeek dow = Instant.ofEpochMilli(day).atZone(ZoneOffset.UTC).getDayOfWeek();
      int d = (int) ((day - firstDay) / DAY);
      long start = day + startOfDay;
      if (off.contains(dow) || start < windowStart) {
        continue;
      }
      double r = change(trajectory, d);
      long overtime = trajectory == Trajectory.STRAIN ? Math.round(8 * r) * 15 * MINUTE : 0;
      long end = Math.min(windowEnd, start + SHIFT + overtime);
      if (end - start < HOUR) {
        continue;
      }
      shifts.add(
          new Shift(start, end, states(start, end, trajectory, r), pace(trajectory, group, r)));
    }
    if (shifts.isEmpty()) { // a window shorter than a day: one shift at its start
      long end = Math.min(windowEnd, windowStart + SHIFT);
      shifts.add(new Shift(windowStart, end, states(windowStart, end, trajectory, 0), Pace.USUAL));
    }
    return new AgentProfile(
        id, tenant, group, List.copyOf(queues), capacity, false, List.copyOf(shifts), trajectory);
  }

  /**
   * How far the change has gone on day {@code d} of the rota (0 = the first): none in the first
   * week, then strain builds over five days and rushing sets in over three.
   */
  static double change(Trajectory t, int d) {
    return switch (t) {
      case STEADY -> 0;
      case STRAIN -> Math.min(1, Math.max(0, (d - 6) / 5.0));
      case RUSH -> Math.min(1, Math.max(0, (d - 6) / 3.0));
    };
  }

  static Pace pace(Trajectory t, ChannelGroup group, double r) {
    if (r == 0) {
      return Pace.USUAL;
    }
    return switch (t) {
      case STEADY -> Pace.USUAL;
      case STRAIN ->
          new Pace(
              1 + 0.7 * r,
              1 + 0.5 * r,
              1 + 0.5 * r,
              0,
              0.6 * r,
              false,
              group == ChannelGroup.DIGITAL);
      case RUSH -> new Pace(1 - 0.45 * r, 1 - 0.5 * r, 1 + 0.5 * r, r, 0, true, false);
    };
  }

  /**
   * A break a quarter and three quarters in, a meal at the middle, 10 % of shifts a training; an
   * agent under strain skips breaks (up to 90 %) and shortens meals.
   */
  private List<PlannedState> states(long start, long end, Trajectory t, double r) {
    long length = end - start;
    double skip = t == Trajectory.STRAIN ? 0.9 * r : 0;
    List<PlannedState> states = new ArrayList<>();
    if (!rng.chance(skip)) {
      states.add(at(AgentState.BREAK, start + length / 4, 15, 15));
    }
    states.add(at(AgentState.MEAL, start + length / 2, r > 0.5 && skip > 0 ? 15 : 30, 15));
    if (t == Trajectory.STEADY && rng.chance(0.1)) {
      states.add(at(AgentState.TRAINING, start + 5 * length / 8, 30, 0));
    }
    if (!rng.chance(skip)) {
      states.add(at(AgentState.BREAK, start + 3 * length / 4, 15, 15));
    }
    return states;
  }

  private PlannedState at(AgentState state, long around, int minutes, int jitter) {
    long start = Math.floorDiv(around + (rng.between(-jitter, jitter) * MINUTE), MINUTE) * MINUTE;
    return new PlannedState(state, start, minutes * MINUTE);
  }
}
