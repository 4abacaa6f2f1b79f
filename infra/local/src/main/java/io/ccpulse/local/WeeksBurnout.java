package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.ChannelGroup;
import io.ccpulse.simulator.model.Trajectory;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Over a weekly rota ({@code --preset weeks}): did the baselines' indicators and the level reach
 * the agents whose work the simulator changed from the second week, and not the steady ones? Judged
 * on each shift's last assessment (the logout row: the whole shift's evidence) from the second week
 * on, an agent is reached by an indicator if it is over its threshold at the end of at least one
 * such shift; the level is the highest of any assessment from the second week on.
 */
public final class WeeksBurnout {
  /** What the simulator changed, per agent. */
  private final Map<String, AgentProfile> agents = new TreeMap<>();

  /** Per agent, the indicators over threshold at the end of each shift, and their values. */
  private final Map<String, List<String>> shiftEnds = new HashMap<>();

  private final Map<String, Integer> reached = new HashMap<>(); // agent/indicator -> shifts
  private final Map<String, String> highestLevel = new HashMap<>();
  private final Map<String, Integer> highestScore = new HashMap<>();

  private WeeksBurnout() {}

  /** The indicators the table is printed for, and which agents each should reach. */
  enum Check {
    HANDLE_DRIFT(
        "handle_drift", "strain building or rushing", a -> a.trajectory() != Trajectory.STEADY),
    CONCURRENCY(
        "concurrency_ratio",
        "strain building on chat (takes more at once)",
        a -> a.trajectory() == Trajectory.STRAIN && a.group() == ChannelGroup.DIGITAL),
    LEVEL("level ELEVATED or HIGH", "strain building", a -> a.trajectory() == Trajectory.STRAIN);

    final String factor;
    final String expected;
    final Predicate<AgentProfile> shouldReach;

    Check(String factor, String expected, Predicate<AgentProfile> shouldReach) {
      this.factor = factor;
      this.expected = expected;
      this.shouldReach = shouldReach;
    }
  }

  /** The day the rota's changes start: a week after the start of the first day. */
  public static Instant changeFrom(Scenario s) {
    return s.start().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(7));
  }

  public static WeeksBurnout read(ClickHouseEndpoint endpoint, Scenario scenario)
      throws SQLException {
    WeeksBurnout w = new WeeksBurnout();
    LayoutFactory.build(scenario).agents().forEach(a -> w.agents.put(a.id(), a));
    long from = changeFrom(scenario).toEpochMilli();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT agent_id, toString(shift_start), argMax(factors, assessed_at), "
                  + "argMax(handle_drift, assessed_at), argMax(concurrency_ratio, assessed_at) "
                  + "FROM burnout_assessments FINAL WHERE toUnixTimestamp64Milli(shift_start) >= "
                  + from
                  + " GROUP BY agent_id, shift_start ORDER BY agent_id, shift_start")) {
        while (rs.next()) {
          String agent = rs.getString(1);
          String factors = rs.getString(3);
          for (Check c : List.of(Check.HANDLE_DRIFT, Check.CONCURRENCY)) {
            if (factors.contains("\"" + c.factor + "\"")) {
              w.reached.merge(agent + "/" + c.factor, 1, Integer::sum);
            }
          }
          w.shiftEnds
              .computeIfAbsent(agent, k -> new ArrayList<>())
              .add(
                  String.format(
                      "%s drift %s conc %s",
                      rs.getString(2).substring(5, 10),
                      value(rs.getObject(4)),
                      value(rs.getObject(5))));
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT agent_id, max(score), argMax(level, score) FROM burnout_assessments FINAL "
                  + "WHERE toUnixTimestamp64Milli(shift_start) >= "
                  + from
                  + " GROUP BY agent_id")) {
        while (rs.next()) {
          w.highestScore.put(rs.getString(1), rs.getInt(2));
          w.highestLevel.put(rs.getString(1), rs.getString(3));
          if (!rs.getString(3).equals("LOW")) {
            w.reached.merge(rs.getString(1) + "/" + Check.LEVEL.factor, 1, Integer::sum);
          }
        }
      }
    }
    return w;
  }

  private static String value(Object o) {
    return o == null ? "  -  " : String.format("%+.2f", ((Number) o).doubleValue());
  }

  /** Agents that should (or should not) be reached by the check, and were (or were not). */
  public long count(Check c, boolean shouldReach, boolean wasReached) {
    return agents.values().stream()
        .filter(a -> c.shouldReach.test(a) == shouldReach)
        .filter(a -> reached.containsKey(a.id() + "/" + c.factor) == wasReached)
        .count();
  }

  /** Agents assessed from the second week on. */
  public int assessed() {
    return highestLevel.size();
  }

  public int highestScore(String agent) {
    return highestScore.getOrDefault(agent, -1);
  }

  public List<AgentProfile> agents() {
    return List.copyOf(agents.values());
  }

  public void print(PrintStream out) {
    out.println();
    out.println(
        "Burnout baselines over the weeks: agents reached from the second week on (an indicator"
            + " over threshold at the end of a shift; the level at any assessment):");
    for (Check c : Check.values()) {
      out.printf("  %s (should reach: %s)%n", c.factor, c.expected);
      out.printf("    %-22s %8s %12s%n", "", "reached", "not reached");
      for (boolean should : new boolean[] {true, false}) {
        out.printf(
            "    %-22s %8d %12d%n",
            should ? "should be reached" : "should not",
            count(c, should, true),
            count(c, should, false));
      }
    }
    out.println("  The agents whose work changed, at the end of each shift from the second week:");
    for (AgentProfile a : agents.values()) {
      if (a.trajectory() != Trajectory.STEADY) {
        out.printf(
            "    %s %-6s %-7s highest %s (%d): %s%n",
            a.id(),
            a.trajectory(),
            a.group(),
            highestLevel.get(a.id()),
            highestScore(a.id()),
            String.join("; ", shiftEnds.getOrDefault(a.id(), List.of())));
      }
    }
    for (AgentProfile a : agents.values()) {
      boolean wrongly =
          a.trajectory() == Trajectory.STEADY
              && (reached.keySet().stream().anyMatch(k -> k.startsWith(a.id() + "/")));
      if (wrongly) {
        out.printf(
            "    steady, reached: %s %-7s highest %s (%d): %s%n",
            a.id(),
            a.group(),
            highestLevel.get(a.id()),
            highestScore(a.id()),
            String.join("; ", shiftEnds.getOrDefault(a.id(), List.of())));
      }
    }
  }
}
