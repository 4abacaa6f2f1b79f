package io.ccpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.local.report.GrafanaMacros;
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
import java.util.stream.Stream;

/**
 * Runs every query of the provisioned Grafana dashboards (infra/deploy/grafana/dashboards) against
 * a database, as the ClickHouse data source plugin would send it for a fixed time range: its macros
 * expanded as the plugin's pkg/macros does ({@link GrafanaMacros}), template variables set to every
 * value their own query returns ("All"), or the first for a single-value variable. Grafana itself
 * cannot run here.
 */
final class GrafanaDashboards {
  static final Path DIR = Path.of("..", "deploy", "grafana", "dashboards");

  private GrafanaDashboards() {}

  /** One query that ran: where it is, its columns (name to JDBC type) and how many rows it gave. */
  record Ran(String where, Map<String, Integer> columns, int rows) {}

  record Report(List<Ran> ran, List<String> problems) {}

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
          String sql =
              GrafanaMacros.expand(variable.path("query").asText(), from, to, interval, values);
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
            sql =
                GrafanaMacros.expand(
                    t.getValue().path("rawSql").asText(), from, to, interval, values);
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
