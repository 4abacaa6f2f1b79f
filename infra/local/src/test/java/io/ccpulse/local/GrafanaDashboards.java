package io.ccpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every query of the provisioned Grafana dashboards (infra/deploy/grafana/dashboards) against
 * a database, as the ClickHouse data source plugin would send it for a fixed time range: its macros
 * expanded as the plugin's pkg/macros does, template variables set to every value their own query
 * returns ("All"), or the first for a single-value variable. Grafana itself cannot run here.
 */
final class GrafanaDashboards {
  static final Path DIR = Path.of("..", "deploy", "grafana", "dashboards");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+):singlequote}");
  // The plugin takes the text between the brackets as its one argument: no nesting, no commas.
  private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)(?:\\(([^()]*)\\))?");

  private GrafanaDashboards() {}

  /** One query that ran: where it is, its columns (name to JDBC type) and how many rows it gave. */
  record Ran(String where, Map<String, Integer> columns, int rows) {}

  record Report(List<Ran> ran, List<String> problems) {}

  /** The SQL the plugin would send for this range and interval. */
  static String expand(
      String sql, Instant from, Instant to, Duration interval, Map<String, List<String>> values) {
    Matcher v = VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (v.find()) {
      List<String> vs = values.get(v.group(1));
      if (vs == null) {
        throw new IllegalArgumentException("no value for variable " + v.group(1));
      }
      String quoted =
          String.join(",", vs.stream().map(s -> "'" + s.replace("'", "\\'") + "'").toList());
      v.appendReplacement(out, Matcher.quoteReplacement(quoted));
    }
    v.appendTail(out);
    Matcher m = MACRO.matcher(out.toString());
    StringBuilder expanded = new StringBuilder();
    long seconds = Math.max(interval.toSeconds(), 1);
    while (m.find()) {
      String arg = m.group(2);
      boolean bracketAfter = m.end() < out.length() && out.charAt(m.end()) == '(';
      if (arg == null && bracketAfter) {
        throw new IllegalArgumentException("$__" + m.group(1) + ": brackets inside its argument");
      }
      if (arg == null && Set.of("timeFilter", "timeInterval").contains(m.group(1))) {
        throw new IllegalArgumentException("$__" + m.group(1) + " needs its column");
      }
      if (arg != null && arg.contains(",")) {
        throw new IllegalArgumentException("$__" + m.group(1) + " takes one argument: " + arg);
      }
      String text =
          switch (m.group(1)) {
            case "fromTime" -> "toDateTime(" + from.getEpochSecond() + ")";
            case "toTime" -> "toDateTime(" + to.getEpochSecond() + ")";
            case "timeFilter" ->
                arg
                    + " >= toDateTime("
                    + from.getEpochSecond()
                    + ") AND "
                    + arg
                    + " <= toDateTime("
                    + to.getEpochSecond()
                    + ")";
            case "timeInterval" ->
                "toStartOfInterval(toDateTime(" + arg + "), INTERVAL " + seconds + " second)";
            case "interval_s" -> Long.toString(seconds);
            default ->
                throw new IllegalArgumentException("macro $__" + m.group(1) + " not expanded here");
          };
      m.appendReplacement(expanded, Matcher.quoteReplacement(text));
    }
    m.appendTail(expanded);
    return expanded.toString();
  }

  /** Every variable, panel and annotation query of every dashboard, over [from, to]. */
  static Report runAll(ClickHouseEndpoint endpoint, Instant from, Instant to)
      throws IOException, SQLException {
    ObjectMapper json = new ObjectMapper();
    List<Ran> ran = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Duration interval = Duration.ofMinutes(1);
    List<Path> files;
    try (Stream<Path> list = Files.list(DIR)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    try (Connection c = endpoint.open();
        Statement st = c.createStatement()) {
      for (Path file : files) {
        JsonNode dashboard = json.readTree(file.toFile());
        String name = file.getFileName().toString();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
          String where = name + " variable " + variable.path("name").asText();
          String sql = expand(variable.path("query").asText(), from, to, interval, values);
          List<String> got = new ArrayList<>();
          try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
              got.add(rs.getString(1));
            }
          } catch (SQLException e) {
            problems.add(where + ": " + e.getMessage());
            continue;
          }
          if (got.isEmpty()) {
            problems.add(where + ": no values");
            continue;
          }
          values.put(
              variable.path("name").asText(),
              variable.path("multi").asBoolean() ? got : got.subList(0, 1));
          ran.add(new Ran(where, Map.of(), got.size()));
        }
        List<Map.Entry<String, JsonNode>> targets = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            targets.add(Map.entry(name + " panel '" + panel.path("title").asText() + "'", target));
          }
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
          if (annotation.has("target")) {
            targets.add(
                Map.entry(
                    name + " annotation '" + annotation.path("name").asText() + "'",
                    annotation.path("target")));
          }
        }
        for (Map.Entry<String, JsonNode> t : targets) {
          String sql;
          try {
            sql = expand(t.getValue().path("rawSql").asText(), from, to, interval, values);
          } catch (IllegalArgumentException e) {
            problems.add(t.getKey() + ": " + e.getMessage());
            continue;
          }
          try (ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              columns.put(md.getColumnLabel(i), md.getColumnType(i));
            }
            int rows = 0;
            while (rs.next()) {
              rows++;
            }
            ran.add(new Ran(t.getKey(), columns, rows));
            if (rows == 0) {
              problems.add(t.getKey() + ": no rows");
            }
            if (t.getValue().path("format").asInt() == 0 && !isTime(columns.get("time"))) {
              problems.add(
                  t.getKey()
                      + ": a time series needs a DateTime column named time, got "
                      + columns);
            }
          } catch (SQLException e) {
            problems.add(t.getKey() + ": " + e.getMessage() + "\n  " + sql);
          }
        }
      }
    }
    return new Report(ran, problems);
  }

  private static boolean isTime(Integer type) {
    return type != null && (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE);
  }
}
