package io.ccpulse.simulator.engine;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.SurveyEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * An agent's work per week of a run, read back from the events alone (not from the simulator's
 * plan): legs, handle time, CSAT, shifts, breaks of at least 10 minutes, open contacts while busy.
 */
final class WeekFigures {
  private static final long WEEK = 7 * 86_400_000L;

  /** One agent's figures for one week. */
  static final class Week {
    long legs;
    long handleMs;
    long surveys;
    long csatSum;
    long shifts;
    long breaks;
    long loggedInMs;

    /** ∫ open legs dt and busy time, for the mean number of contacts open while busy. */
    long legMs;

    long busyMs;

    double meanHandleS() {
      return legs == 0 ? Double.NaN : handleMs / 1000.0 / legs;
    }

    double meanCsat() {
      return surveys == 0 ? Double.NaN : (double) csatSum / surveys;
    }

    double concurrency() {
      return busyMs == 0 ? Double.NaN : (double) legMs / busyMs;
    }

    double breaksPerShift() {
      return shifts == 0 ? Double.NaN : (double) breaks / shifts;
    }

    double hoursPerShift() {
      return shifts == 0 ? Double.NaN : loggedInMs / 3_600_000.0 / shifts;
    }
  }

  private final Map<String, Week[]> byAgent = new HashMap<>();

  /** Reads events in event-time order (a fault-free run's records are). */
  WeekFigures(List<SpecificRecord> events, long start, int weeks) {
    Map<String, Long> answered = new HashMap<>();
    Map<String, long[]> open = new HashMap<>(); // agent -> {open legs, since}
    Map<String, long[]> presence = new HashMap<>(); // agent -> {login, break start}
    for (SpecificRecord e : events) {
      if (e instanceof InteractionEvent i && i.getAgentId() != null) {
        String agent = i.getAgentId();
        long at = i.getOccurredAt().toEpochMilli();
        String leg = i.getInteractionId() + "/" + agent;
        if (i.getType() == InteractionType.ANSWERED) {
          answered.put(leg, at);
          opened(open, agent, at, +1, start, weeks);
        } else if (i.getType() == InteractionType.WRAPUP_ENDED && answered.containsKey(leg)) {
          long from = answered.remove(leg);
          Week w = week(agent, from, start, weeks);
          if (w != null) {
            w.legs++;
            w.handleMs += at - from;
          }
          opened(open, agent, at, -1, start, weeks);
        }
      } else if (e instanceof SurveyEvent s) {
        Week w = week(s.getAgentId(), s.getOccurredAt().toEpochMilli(), start, weeks);
        if (w != null) {
          w.surveys++;
          w.csatSum += s.getCsat();
        }
      } else if (e instanceof AgentStateEvent a) {
        String agent = a.getAgentId();
        long at = a.getOccurredAt().toEpochMilli();
        long[] p = presence.computeIfAbsent(agent, k -> new long[] {-1, -1});
        Week w = week(agent, at, start, weeks);
        AgentState st = a.getState();
        if (p[1] >= 0 && st != AgentState.BREAK && st != AgentState.MEAL) {
          if (at - p[1] >= 600_000 && w != null) {
            w.breaks++;
          }
          p[1] = -1;
        }
        if (st == AgentState.LOGGED_IN) {
          p[0] = at;
          if (w != null) {
            w.shifts++;
          }
        } else if (st == AgentState.LOGGED_OUT && p[0] >= 0) {
          Week in = week(agent, p[0], start, weeks);
          if (in != null) {
            in.loggedInMs += at - p[0];
          }
          p[0] = -1;
        } else if ((st == AgentState.BREAK || st == AgentState.MEAL) && p[1] < 0) {
          p[1] = at;
        }
      }
    }
  }

  private void opened(Map<String, long[]> open, String agent, long at, int sign, long s, int n) {
    long[] o = open.computeIfAbsent(agent, k -> new long[2]);
    Week w = week(agent, o[1], s, n);
    if (o[0] > 0 && w != null) {
      w.busyMs += at - o[1];
      w.legMs += (at - o[1]) * o[0];
    }
    o[0] += sign;
    o[1] = at;
  }

  private Week week(String agent, long at, long start, int weeks) {
    int w = (int) Math.floorDiv(at - start, WEEK);
    if (w < 0 || w >= weeks) {
      return null;
    }
    Week[] ws = byAgent.computeIfAbsent(agent, k -> new Week[weeks]);
    if (ws[w] == null) {
      ws[w] = new Week();
    }
    return ws[w];
  }

  /** The agent's week {@code w} (0 = the first). */
  Week of(String agent, int w) {
    Week[] ws = byAgent.get(agent);
    return ws == null || ws[w] == null ? new Week() : ws[w];
  }
}
