package io.ccpulse.pipeline.agent;

import io.ccpulse.events.AgentState;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an agent's time into intervals: presence from agent-state events, busy from legs opening
 * and closing. Time between two inputs is attributed to the condition that held then, cut at every
 * interval boundary. A plain class: everything is tested without Flink.
 */
public final class AgentClock {
  private final long[] sizesMs;

  public AgentClock(long[] sizesMs) {
    this.sizesMs = sizesMs.clone();
  }

  public AgentClockState start(String tenantId, String agentId, long at) {
    AgentClockState s = new AgentClockState();
    s.tenantId = tenantId;
    s.agentId = agentId;
    s.accountedTo = at;
    s.intervalStart = new long[sizesMs.length];
    s.filling = new AgentTime[sizesMs.length];
    for (int i = 0; i < sizesMs.length; i++) {
      s.intervalStart[i] = Math.floorDiv(at, sizesMs[i]) * sizesMs[i];
      s.filling[i] = new AgentTime();
    }
    return s;
  }

  /** Attributes time up to {@code to}; returns the intervals that completed on the way. */
  public List<AgentTimeRow> advance(AgentClockState s, long to) {
    List<AgentTimeRow> done = new ArrayList<>();
    while (s.accountedTo < to) {
      long segmentEnd = to;
      for (int i = 0; i < sizesMs.length; i++) {
        segmentEnd = Math.min(segmentEnd, s.intervalStart[i] + sizesMs[i]);
      }
      long d = segmentEnd - s.accountedTo;
      for (AgentTime t : s.filling) {
        attribute(s, t, d);
      }
      s.accountedTo = segmentEnd;
      for (int i = 0; i < sizesMs.length; i++) {
        if (segmentEnd == s.intervalStart[i] + sizesMs[i]) {
          if (!s.filling[i].isEmpty()) {
            done.add(row(s, i));
          }
          s.intervalStart[i] = segmentEnd;
          s.filling[i] = new AgentTime();
        }
      }
    }
    return done;
  }

  /** The end of the earliest open interval: when to advance next if no input comes. */
  public long nextBoundary(AgentClockState s) {
    long next = Long.MAX_VALUE;
    for (int i = 0; i < sizesMs.length; i++) {
      next = Math.min(next, s.intervalStart[i] + sizesMs[i]);
    }
    return next;
  }

  /** The end of the latest open interval: advancing there completes every interval. */
  public long lastBoundary(AgentClockState s) {
    long last = Long.MIN_VALUE;
    for (int i = 0; i < sizesMs.length; i++) {
      last = Math.max(last, s.intervalStart[i] + sizesMs[i]);
    }
    return last;
  }

  /** Every interval still holding time (to flush when the agent goes dormant). */
  public boolean holdsTime(AgentClockState s) {
    for (AgentTime t : s.filling) {
      if (!t.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  public static void presence(AgentClockState s, AgentState state) {
    s.state = state == AgentState.LOGGED_OUT ? null : state;
  }

  public static void legOpened(AgentClockState s) {
    s.openLegs++;
  }

  public static void legClosed(AgentClockState s) {
    s.openLegs = Math.max(0, s.openLegs - 1); // a leg that started before we knew the agent
  }

  private static void attribute(AgentClockState s, AgentTime t, long d) {
    if (s.state != null) {
      t.loggedInMs += d;
    }
    if (s.state == AgentState.AVAILABLE) {
      t.availableMs += d;
      if (s.openLegs == 0) {
        t.availableIdleMs += d;
      }
    }
    if (s.openLegs > 0) {
      t.busyMs += d;
    }
  }

  private AgentTimeRow row(AgentClockState s, int i) {
    AgentTimeRow row = new AgentTimeRow();
    row.tenantId = s.tenantId;
    row.agentId = s.agentId;
    row.intervalSizeSeconds = sizesMs[i] / 1000;
    row.intervalStart = s.intervalStart[i];
    row.time = s.filling[i];
    return row;
  }
}
