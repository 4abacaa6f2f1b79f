package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.Trajectory;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Over a weekly rota ({@code --preset weeks}): did the weekly scorecards (agent_weekly_scorecards,
 * docs/scorecards.md) flag the agents whose work the simulator changed from the second week, for
 * what changed, and leave the steady ones alone? An agent is reached by a check if one of its
 * weekly scorecards, any week, has a flag of the check's factors.
 */
public final class WeeksScorecards {
  private final Map<String, AgentProfile> agents = new TreeMap<>();

  /** Per agent, the factors flagged in any week. */
  private final Map<String, Set<String>> flagged = new HashMap<>();

  /** Per agent, a line per week: the figures and the flags. */
  private final Map<String, List<String>> weeks = new HashMap<>();

  /** Per agent, the judged values of aht_vs_usual, aht_change and csat_change, all weeks. */
  private final Map<String, List<double[]>> judged = new HashMap<>();

  private WeeksScorecards() {}

  /** What a check looks for, and which agents it should reach. */
  public enum Check {
    ANY("any flag", Set.of(), a -> a.trajectory() != Trajectory.STEADY),
    SLOWER(
        "handle time above the usual or rising",
        Set.of("aht_vs_usual>", "aht_change>"),
        a -> a.trajectory() == Trajectory.STRAIN),
    FASTER(
        "handle time below the usual or falling",
        Set.of("aht_vs_usual<", "aht_change<"),
        a -> a.trajectory() == Trajectory.RUSH),
    CSAT(
        "CSAT under target or falling",
        Set.of("csat_avg<", "csat_change<"),
        a -> a.trajectory() == Trajectory.RUSH);

    final String label;
    final Set<String> factors;
    final Predicate<AgentProfile> shouldReach;

    Check(String label, Set<String> factors, Predicate<AgentProfile> shouldReach) {
      this.label = label;
      this.factors = factors;
      this.shouldReach = shouldReach;
    }
  }

  public static WeeksScorecards read(ClickHouseEndpoint endpoint, Scenario scenario)
      throws SQLException {
    WeeksScorecards w = new WeeksScorecards();
    LayoutFactory.build(scenario).agents().forEach(a -> w.agents.put(a.id(), a));
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        // A flag's direction: over its threshold (>) or under it (<).
        ResultSet rs =
            st.executeQuery(
                "SELECT agent_id, toString(week), handled, aht_vs_usual, aht_change, csat_responses,"
                    + " csat_avg, csat_change, arrayStringConcat(arrayMap(f -> concat(f.factor,"
                    + " if(f.value > f.threshold, '>', '<')), flags), ' '),"
                    + " arrayStringConcat(arrayMap(f -> format('{} {} (threshold {})', f.factor,"
                    + " toString(f.value), toString(f.threshold)), flags), '; ')"
                    + " FROM agent_weekly_scorecards ORDER BY agent_id, week")) {
      while (rs.next()) {
        String agent = rs.getString(1);
        Set<String> factors = w.flagged.computeIfAbsent(agent, k -> new HashSet<>());
        for (String f : rs.getString(9).split(" ")) {
          if (!f.isEmpty()) {
            factors.add(f);
          }
        }
        List<double[]> values = w.judged.computeIfAbsent(agent, k -> new ArrayList<>());
        if (rs.getLong(3) >= 100 && rs.getObject(4) != null) {
          values.add(new double[] {0, rs.getDouble(4)});
        }
        for (int[] column : new int[][] {{1, 5}, {2, 8}}) {
          if (rs.getObject(column[1]) != null) {
            values.add(new double[] {column[0], rs.getDouble(column[1])});
          }
        }
        w.weeks
            .computeIfAbsent(agent, k -> new ArrayList<>())
            .add(
                String.format(
                    "%s %4d legs, AHT %s of usual (change %s), CSAT %s from %d (change %s)%s",
                    rs.getString(2),
                    rs.getLong(3),
                    value(rs.getObject(4)),
                    value(rs.getObject(5)),
                    value(rs.getObject(7)),
                    rs.getLong(6),
                    value(rs.getObject(8)),
                    rs.getString(10).isEmpty() ? "" : ": " + rs.getString(10)));
      }
    }
    return w;
  }

  private static String value(Object o) {
    return o == null ? "-" : String.format("%.2f", ((Number) o).doubleValue());
  }

  /** Whether the agent's scorecards have a flag of the check's factors (any flag for ANY). */
  public boolean reached(Check c, String agent) {
    Set<String> factors = flagged.getOrDefault(agent, Set.of());
    return c == Check.ANY ? !factors.isEmpty() : factors.stream().anyMatch(c.factors::contains);
  }

  /** Agents that should (or should not) be reached by the check, and were (or were not). */
  public long count(Check c, boolean shouldReach, boolean wasReached) {
    return agents.values().stream()
        .filter(a -> c.shouldReach.test(a) == shouldReach)
        .filter(a -> reached(c, a.id()) == wasReached)
        .count();
  }

  /** Agents with a scorecard. */
  public int scored() {
    return weeks.size();
  }

  public List<AgentProfile> agents() {
    return List.copyOf(agents.values());
  }

  public void print(PrintStream out) {
    out.println();
    out.println("Weekly scorecards: agents flagged in any week (agent_weekly_scorecards):");
    for (Check c : Check.values()) {
      out.printf("  %s%n", c.label);
      out.printf("    %-22s %8s %12s%n", "", "flagged", "not flagged");
      for (boolean should : new boolean[] {true, false}) {
        out.printf(
            "    %-22s %8d %12d%n",
            should ? "should be flagged" : "should not",
            count(c, should, true),
            count(c, should, false));
      }
    }
    String[] names = {"aht_vs_usual", "aht_change", "csat_change"};
    for (int i = 0; i < names.length; i++) {
      int column = i;
      DoubleSummaryStatistics range =
          agents.values().stream()
              .filter(a -> a.trajectory() == Trajectory.STEADY)
              .flatMap(a -> judged.getOrDefault(a.id(), List.of()).stream())
              .filter(v -> v[0] == column)
              .mapToDouble(v -> v[1])
              .summaryStatistics();
      out.printf(
          "  steady agents, %s where judged: %s%n",
          names[i],
          range.getCount() == 0
              ? "none"
              : String.format(
                  "%.2f to %.2f (%d weeks)", range.getMin(), range.getMax(), range.getCount()));
    }
    out.println("  The agents whose work changed (and any other flagged), week by week:");
    for (AgentProfile a : agents.values()) {
      boolean changed = a.trajectory() != Trajectory.STEADY;
      if (changed || reached(Check.ANY, a.id())) {
        out.printf("    %s %-6s %s%n", a.id(), a.trajectory(), a.group());
        weeks.getOrDefault(a.id(), List.of()).forEach(line -> out.println("      " + line));
      }
    }
  }
}
