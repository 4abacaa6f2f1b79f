package io.ccpulse.simulator.scenario;

import io.ccpulse.events.AgentState;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.ChannelGroup;
import io.ccpulse.simulator.model.ContactQueue;
import io.ccpulse.simulator.model.Pace;
import io.ccpulse.simulator.model.PlannedState;
import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.model.Shift;
import io.ccpulse.simulator.model.Trajectory;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans shifts: 8.5-hour shifts staggered on quarter hours across the window, with two breaks, a
 * meal and sometimes training. Strained agents work 2.5 hours longer and skip most breaks.
 */
final class ShiftPlanner {
  private static final long MINUTE = 60_000;
  private static final long QUARTER = 15 * MINUTE;
  private static final long SHIFT = 510 * MINUTE;
  private static final long STRAIN_EXTRA = 150 * MINUTE;

  private final Rng rng;
  private final long windowStart;
  private final long windowEnd;

  ShiftPlanner(Scenario s, Rng rng) {
    this.rng = rng;
    this.windowStart = s.start().toEpochMilli();
    this.windowEnd = s.end().toEpochMilli();
  }

  /** Agent {@code index} of {@code groupSize} in its group gets a start spread over the window. */
  AgentProfile agent(
      String id,
      String tenant,
      ChannelGroup group,
      List<String> queues,
      int capacity,
      boolean strained,
      int index,
      int groupSize) {
    long window = windowEnd - windowStart;
    long length = Math.min(window, SHIFT);
    long slack = window - length;
    long start =
        windowStart
            + Math.floorDiv((long) (slack * (index + rng.uniform()) / groupSize), QUARTER)
                * QUARTER;
    long end = start + length;
    if (strained) {
      start = Math.max(windowStart, start - 4 * QUARTER);
      end = Math.min(windowEnd, start + length + STRAIN_EXTRA);
    }
    return plan(id, tenant, group, queues, capacity, strained, start, end);
  }

  /** Moves shifts so every queue is staffed from the window's start to its end. */
  List<AgentProfile> coverEveryQueue(List<AgentProfile> agents, List<ContactQueue> queues) {
    List<AgentProfile> out = new ArrayList<>(agents);
    for (ContactQueue q : queues) {
      int earliest = -1;
      int latest = -1;
      for (int i = 0; i < out.size(); i++) {
        AgentProfile a = out.get(i);
        if (a.queueIds().contains(q.id())) {
          if (earliest < 0 || a.shiftStartMillis() < out.get(earliest).shiftStartMillis()) {
            earliest = i;
          }
          if (latest < 0 || a.shiftEndMillis() > out.get(latest).shiftEndMillis()) {
            latest = i;
          }
        }
      }
      if (earliest < 0) {
        continue;
      }
      if (out.get(earliest).shiftStartMillis() > windowStart) {
        out.set(
            earliest, replan(out.get(earliest), windowStart, out.get(earliest).shiftEndMillis()));
      }
      AgentProfile l = out.get(latest);
      if (l.shiftEndMillis() < windowEnd) {
        out.set(latest, replan(l, l.shiftStartMillis(), windowEnd));
      }
    }
    return out;
  }

  private AgentProfile replan(AgentProfile a, long start, long end) {
    return plan(
        a.id(), a.tenantId(), a.group(), a.queueIds(), a.capacity(), a.strained(), start, end);
  }

  private AgentProfile plan(
      String id,
      String tenant,
      ChannelGroup group,
      List<String> queues,
      int capacity,
      boolean strained,
      long start,
      long end) {
    long length = end - start;
    List<PlannedState> states = new ArrayList<>();
    if (length < 3 * 60 * MINUTE) {
      if (!strained) {
        // Spread over the middle of the shift, so a short window is not left unstaffed at once.
        states.add(
            at(AgentState.BREAK, start + (long) (length * (0.3 + 0.4 * rng.uniform())), 10, 0));
      }
    } else {
      addBreak(states, strained, start + length / 4, 15);
      if (length >= 5 * 60 * MINUTE) {
        double r = rng.uniform();
        if (!strained) {
          states.add(at(AgentState.MEAL, start + length / 2, 30, 15));
        } else if (r < 0.5) {
          states.add(at(AgentState.MEAL, start + length / 2, 15, 15));
        } else if (r < 0.7) {
          states.add(at(AgentState.MEAL, start + length / 2, 30, 15));
        }
        if (!strained && rng.chance(0.1)) {
          states.add(at(AgentState.TRAINING, start + 5 * length / 8, 30, 0));
        }
      }
      addBreak(states, strained, start + 3 * length / 4, 15);
    }
    Shift shift = new Shift(start, end, List.copyOf(states), strained ? Pace.STRAINED : Pace.USUAL);
    return new AgentProfile(
        id,
        tenant,
        group,
        List.copyOf(queues),
        capacity,
        strained,
        List.of(shift),
        Trajectory.STEADY);
  }

  private void addBreak(List<PlannedState> states, boolean strained, long around, int minutes) {
    if (!strained || rng.chance(0.25)) {
      states.add(at(AgentState.BREAK, around, minutes, 15));
    }
  }

  /**
   * A planned state of {@code minutes} starting within ± {@code jitter} minutes of {@code around}.
   */
  private PlannedState at(AgentState state, long around, int minutes, int jitter) {
    long start = Math.floorDiv(around + (rng.between(-jitter, jitter) * MINUTE), MINUTE) * MINUTE;
    return new PlannedState(state, start, minutes * MINUTE);
  }
}
