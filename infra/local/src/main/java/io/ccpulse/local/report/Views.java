package io.ccpulse.local.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The views of the local report and the live page, as the JSON the page draws (page.js): sections
 * of charts (series of [epoch ms, value]) and tables. Every chart and table is a panel of the
 * Grafana dashboards, run with its own SQL ({@link Dashboard}, {@link GrafanaMacros}); only the
 * choice of variable values and of time range is the page's.
 */
final class Views {
  static final String BURNOUT_NOTE =
      "The burnout-risk level is an aid for a supervisor to check in on someone (\"how are you"
          + " doing?\"), never a verdict on a person, a diagnosis or a measure of performance: do"
          + " not use it to rank, rate, discipline or reward. Read a high score as \"the shift has"
          + " been heavy\" (the work, the schedule, the breaks), not \"this person is failing\""
          + " (docs/burnout.md).";
  private static final ObjectMapper JSON = new ObjectMapper();
  // As Grafana would pick for a day on a wide screen: the per-minute figures stay per minute.
  private static final Duration STEP = Duration.ofMinutes(1);
  // The agents the report draws: too many lines read as none.
  private static final String TOP_AGENTS =
      "SELECT agent_id FROM burnout_assessments FINAL GROUP BY agent_id"
          + " ORDER BY max(score) DESC, agent_id LIMIT 10";

  private final Statement st;
  private final Instant from;
  private final Instant to;

  private Views(Statement st, Instant from, Instant to) {
    this.st = st;
    this.from = from;
    this.to = to;
  }

  /** The whole day in interval_metrics: queues, live queue health, agents, data quality. */
  static ObjectNode day(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      long[] range =
          longs(
              st,
              "SELECT count(), toUnixTimestamp(min(interval_start)), toUnixTimestamp(max(interval_start)) + 900"
                  + " FROM interval_metrics_current WHERE interval_size_s = 900");
      if (range[0] == 0) {
        throw new IllegalStateException("interval_metrics_current has no 15-minute rows to report");
      }
      Views v = new Views(st, Instant.ofEpochSecond(range[1]), Instant.ofEpochSecond(range[2]));
      ObjectNode model = v.model("ccpulse · the day", false);
      ArrayNode sections = model.putArray("sections");

      Dashboard queues = Dashboard.load("queues.json");
      Map<String, List<String>> qv = v.variables(queues, Map.of(), "tenant", "queue");
      ObjectNode s = v.section(sections, "Queues", "All tenants and queues, per 15 minutes.");
      v.chart(s, queues.panel("Contacts offered, answered, abandoned (per 15 min)"), qv, null);
      v.chart(s, queues.panel("Service level and abandon rate"), qv, null);
      v.chart(s, queues.panel("Average speed of answer and average handle time"), qv, null);
      v.table(s, queues.panel("By queue and channel"), qv);
      v.chart(s, queues.panel("CSAT and NPS (per hour)"), qv, null);
      v.table(
          s,
          queues.panel(
              "Conversations per queue: transfers, holds, resolution time (days in range)"),
          qv);
      v.table(s, queues.panel("Handle time per queue and day: median and 90th percentile"), qv);

      v.liveSection(
          sections,
          "Live queue health over the day",
          "Snapshots every 10 s of event time, the highest per minute; shaded: alerts, from"
              + " raised to cleared (or the end of the day if still open).",
          "Open alerts");

      Dashboard agents = Dashboard.load("agents.json");
      Map<String, List<String>> av =
          v.variables(agents, Map.of("agent", v.values(TOP_AGENTS)), "tenant", "agent");
      s =
          v.section(
              sections,
              "Agents",
              BURNOUT_NOTE
                  + " Drawn: the ten agents with the highest burnout-risk score of the day.");
      v.table(s, agents.panel("Burnout risk now: who to check in with"), av);
      v.chart(s, agents.panel("Burnout score"), av, null);
      v.chart(s, agents.panel("Occupancy (per 15 min)"), av, null);
      v.table(s, agents.panel("Handle time by agent"), av);
      v.table(s, agents.panel("Handle time by agent and day: median and 90th percentile"), av);
      v.table(s, agents.panel("Level changes"), av);

      Dashboard quality = Dashboard.load("data-quality.json");
      s =
          v.section(
              sections,
              "Data quality",
              "What came in, and what was rejected and why. A record that could not be read has no"
                  + " event time: it is dated when it was rejected (this run's clock), so the chart of"
                  + " the day leaves it out; the tables count every rejection up to now.");
      v.chart(s, quality.panel("Events in, per type (per minute)"), Map.of(), null);
      v.chart(s, quality.panel("Events rejected, per reason"), Map.of(), null);
      Views untilNow = new Views(st, v.from, Instant.now().plusSeconds(60));
      untilNow.table(s, quality.panel("Rejected, by topic and reason"), Map.of());
      untilNow.table(s, quality.panel("Rows refused by ClickHouse, per table"), Map.of());
      return model;
    }
  }

  /**
   * Queue health and alerts over the last {@code window} of event time in queue_health (the
   * simulated day's clock, not the wall clock), for the live page.
   */
  static ObjectNode live(Connection c, Duration window) throws SQLException {
    try (Statement st = c.createStatement()) {
      long[] last =
          longs(
              st,
              "SELECT count(), toUnixTimestamp(max(at)) FROM (SELECT at FROM queue_health ORDER BY at DESC LIMIT 1)");
      Instant to = last[0] == 0 ? Instant.now() : Instant.ofEpochSecond(last[1] + 1);
      Views v = new Views(st, to.minus(window), to);
      ObjectNode model = v.model("ccpulse · live queue health", true);
      ArrayNode sections = model.putArray("sections");
      if (last[0] > 0) {
        v.liveSection(
            sections,
            "Live queue health",
            "The last "
                + window.toMinutes()
                + " minutes of event time, the highest per minute; shaded: alerts, from raised to"
                + " cleared (or now if still open).",
            "Open alerts");
      }
      return model;
    }
  }

  private void liveSection(ArrayNode sections, String title, String note, String alertsPanel)
      throws SQLException {
    Dashboard live = Dashboard.load("live-queue-health.json");
    Map<String, List<String>> lv = variables(live, Map.of(), "tenant", "queue");
    ArrayNode alerts = areas(live.annotationSql("Queue alerts"), lv);
    ObjectNode s = section(sections, title, note);
    table(s, live.panel("Now, per queue"), lv);
    chart(s, live.panel("Contacts waiting"), lv, alerts);
    chart(s, live.panel("Oldest wait"), lv, alerts);
    chart(s, live.panel("Agents: available, on a contact, on break"), lv, null);
    table(s, live.panel(alertsPanel), lv);
  }

  private ObjectNode model(String title, boolean live) {
    ObjectNode model = JSON.createObjectNode();
    model.put("title", title);
    model.put("from", from.toEpochMilli());
    model.put("to", to.toEpochMilli());
    model.put("generated", Instant.now().toString());
    model.put("live", live);
    return model;
  }

  private ObjectNode section(ArrayNode sections, String title, String note) {
    ObjectNode s = sections.addObject();
    s.put("title", title);
    s.put("note", note);
    s.putArray("items");
    return s;
  }

  /**
   * Every value each variable's own query returns (Grafana's "All"), in the dashboard's order,
   * unless given.
   */
  private Map<String, List<String>> variables(
      Dashboard d, Map<String, List<String>> given, String... names) throws SQLException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String name : names) {
      List<String> v =
          given.containsKey(name)
              ? given.get(name)
              : values(GrafanaMacros.expand(d.variableSql(name), from, to, STEP, values));
      // An empty IN () is not SQL: a variable without values matches nothing.
      values.put(name, v.isEmpty() ? List.of("") : v);
    }
    return values;
  }

  private List<String> values(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private Rows run(String sql, Map<String, List<String>> vars) throws SQLException {
    return Rows.query(st, GrafanaMacros.expand(sql, from, to, STEP, vars));
  }

  /**
   * A time series panel: a series per number column, or per value of the text columns (the panel's
   * long format, e.g. one per queue).
   */
  private void chart(
      ObjectNode s, Dashboard.Panel p, Map<String, List<String>> vars, ArrayNode areas)
      throws SQLException {
    Rows rows = run(p.sql(), vars);
    int time = rows.column("time");
    List<Integer> keys = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < rows.columns().size(); i++) {
      if (rows.kinds().get(i) == Rows.Kind.TEXT) {
        keys.add(i);
      } else if (rows.kinds().get(i) == Rows.Kind.NUMBER) {
        numbers.add(i);
      }
    }
    Map<String, ArrayNode> series = new TreeMap<>();
    for (List<Object> row : rows.values()) {
      StringBuilder key = new StringBuilder();
      for (int k : keys) {
        key.append(key.length() == 0 ? "" : " ").append(row.get(k));
      }
      for (int n : numbers) {
        String name =
            keys.isEmpty()
                ? rows.columns().get(n)
                : numbers.size() == 1 ? key.toString() : key + " " + rows.columns().get(n);
        ArrayNode point = series.computeIfAbsent(name, x -> JSON.createArrayNode()).addArray();
        point.add((Long) row.get(time));
        if (row.get(n) == null) {
          point.addNull();
        } else {
          point.add((Double) row.get(n));
        }
      }
    }
    ObjectNode item = item(s, "chart", p);
    item.put("unit", p.unit().equals("percentunit") ? "percent" : p.unit());
    ArrayNode thresholds = item.putArray("thresholds");
    p.thresholds().forEach(thresholds::add);
    ArrayNode out = item.putArray("series");
    series.forEach((name, data) -> out.addObject().put("name", name).set("data", data));
    item.set("areas", areas == null ? JSON.createArrayNode() : areas);
  }

  private void table(ObjectNode s, Dashboard.Panel p, Map<String, List<String>> vars)
      throws SQLException {
    Rows rows = run(p.sql(), vars);
    ObjectNode item = item(s, "table", p);
    ArrayNode columns = item.putArray("columns");
    rows.columns().forEach(columns::add);
    ArrayNode out = item.putArray("rows");
    for (List<Object> row : rows.values()) {
      ArrayNode r = out.addArray();
      for (int i = 0; i < row.size(); i++) {
        r.add(Rows.text(row.get(i), rows.kinds().get(i)));
      }
    }
  }

  private ObjectNode item(ObjectNode s, String type, Dashboard.Panel p) {
    ObjectNode item = ((ArrayNode) s.get("items")).addObject();
    item.put("type", type);
    item.put("id", p.title().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""));
    item.put("title", p.title());
    item.put("description", p.description());
    return item;
  }

  /** An annotation query's rows as shaded ranges: time, timeEnd (NULL: still open), text. */
  private ArrayNode areas(String sql, Map<String, List<String>> vars) throws SQLException {
    Rows rows = run(sql, vars);
    ArrayNode out = JSON.createArrayNode();
    for (List<Object> row : rows.values()) {
      Object end = row.get(rows.column("timeEnd"));
      out.addObject()
          .put("from", (Long) row.get(rows.column("time")))
          .put("to", end == null ? to.toEpochMilli() : (Long) end)
          .put("label", (String) row.get(rows.column("text")));
    }
    return out;
  }

  private static long[] longs(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      long[] out = new long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rs.getLong(i + 1);
      }
      return out;
    }
  }
}
