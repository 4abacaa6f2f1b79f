package io.ccpulse.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The highest burnout level each agent reached in a run, against whether the simulator strained it.
 */
final class BurnoutConfusion {
  private static final List<String> LEVELS = List.of("LOW", "ELEVATED", "HIGH");
  private static final List<String> FACTORS =
      List.of(
          "occupancy_rolling",
          "occupancy_shift",
          "logged_in_h",
          "since_break_h",
          "breaks_missed",
          "back_to_back",
          "demanding_share",
          "handle_drift",
          "concurrency_ratio");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> highest = new TreeMap<>();
  private final Map<String, Integer> topScore = new TreeMap<>();
  private final Map<String, Set<String>> factorsSeen = new HashMap<>();
  private final Set<String> strained;
  private final List<String> levelChanges = new ArrayList<>();
  private final List<String> misjudged = new ArrayList<>();
  private long latestRows;

  private BurnoutConfusion(Set<String> strained) {
    this.strained = strained;
  }

  static BurnoutConfusion read(ClickHouseEndpoint endpoint, Set<String> strained)
      throws SQLException {
    BurnoutConfusion c = new BurnoutConfusion(strained);
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT agent_id, max(score), argMax(level, score), "
                  + "arrayStringConcat(groupUniqArray(factors), '\\n') FROM burnout_assessments FINAL GROUP BY agent_id")) {
        while (rs.next()) {
          c.highest.put(rs.getString(1), rs.getString(3));
          c.topScore.put(rs.getString(1), rs.getInt(2));
          // The agent's distinct factor arrays, one JSON array a line (the job writes no newline).
          Set<String> seen = new HashSet<>();
          for (String factors : rs.getString(4).split("\n")) {
            readTree(factors).findValuesAsText("factor").forEach(seen::add);
          }
          c.factorsSeen.put(rs.getString(1), seen);
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT agent_id, argMax(concat(toString(assessed_at), ' shift from ', "
                  + "toString(shift_start), ' score ', toString(score), ' ', factors), score) FROM burnout_assessments FINAL "
                  + "GROUP BY agent_id ORDER BY agent_id")) {
        while (rs.next()) {
          String agent = rs.getString(1);
          if (strained.contains(agent) == c.highest.get(agent).equals("LOW")) {
            c.misjudged.add(
                (strained.contains(agent) ? "strained, LOW: " : "not strained, flagged: ")
                    + agent
                    + " "
                    + rs.getString(2));
          }
        }
      }
      try (ResultSet rs =
          st.executeQuery("SELECT count(), uniqExact(tenant_id, agent_id) FROM burnout_latest")) {
        rs.next();
        c.latestRows =
            rs.getLong(1) == rs.getLong(2) ? rs.getLong(1) : -1; // one row per agent, or -1
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT tenant_id, agent_id, toUnixTimestamp64Milli(at), to_level "
                  + "FROM burnout_level_changes FINAL")) {
        while (rs.next()) {
          c.levelChanges.add(
              rs.getString(1)
                  + "/"
                  + rs.getString(2)
                  + "@"
                  + rs.getLong(3)
                  + "->"
                  + rs.getString(4));
        }
      }
    }
    return c;
  }

  /** Rows of the burnout_latest view, if it has one per agent; else -1. */
  long latestRows() {
    return latestRows;
  }

  int agents() {
    return highest.size();
  }

  long count(boolean ofStrained, String level) {
    return highest.entrySet().stream()
        .filter(e -> strained.contains(e.getKey()) == ofStrained && e.getValue().equals(level))
        .count();
  }

  /** Each agent's highest score of the day, of the strained agents or of the others. */
  List<Integer> topScores(boolean ofStrained) {
    return topScore.entrySet().stream()
        .filter(e -> strained.contains(e.getKey()) == ofStrained)
        .map(Map.Entry::getValue)
        .toList();
  }

  /** tenant/agent@epochMillis->LEVEL, as {@link LevelChangeMessages} reads them from Kafka. */
  List<String> levelChanges() {
    return levelChanges;
  }

  void print(PrintStream out) {
    out.println("Highest burnout level each agent reached over the day (default settings):");
    out.printf("  %-13s %5s %9s %5s%n", "", "LOW", "ELEVATED", "HIGH");
    for (boolean s : new boolean[] {true, false}) {
      out.printf(
          "  %-13s %5d %9d %5d%n",
          s ? "strained" : "not strained", count(s, "LOW"), count(s, "ELEVATED"), count(s, "HIGH"));
    }
    for (boolean s : new boolean[] {true, false}) {
      out.printf(
          "  highest scores, %s: %s%n",
          s ? "strained" : "not strained",
          topScore.entrySet().stream()
                  .filter(e -> strained.contains(e.getKey()) == s)
                  .map(Map.Entry::getValue)
                  .sorted(java.util.Comparator.reverseOrder())
                  .limit(s ? 20 : 8)
                  .map(String::valueOf)
                  .collect(java.util.stream.Collectors.joining(" "))
              + (s ? "" : " …"));
    }
    out.println(
        "Agents with each indicator over its threshold at least once (strained / not strained):");
    for (String f : FACTORS) {
      long s =
          factorsSeen.entrySet().stream()
              .filter(e -> strained.contains(e.getKey()) && e.getValue().contains(f))
              .count();
      long n =
          factorsSeen.entrySet().stream()
              .filter(e -> !strained.contains(e.getKey()) && e.getValue().contains(f))
              .count();
      out.printf("  %-18s %3d / %3d%n", f, s, n);
    }
    out.println("Level changes: " + levelChanges.size());
    if (!misjudged.isEmpty()) {
      out.println("Misjudged agents, at their highest score:");
      misjudged.forEach(a -> out.println("  " + a));
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("factors that are not JSON: " + json, e);
    }
  }
}
