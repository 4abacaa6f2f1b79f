package io.ccpulse.local.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One provisioned Grafana dashboard (infra/deploy/grafana/dashboards, copied onto the classpath by
 * the build): its panels' and annotations' SQL, read where Grafana reads it.
 */
record Dashboard(String file, JsonNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A panel: its title, description, first query, unit and threshold lines. */
  record Panel(
      String title, String description, String sql, String unit, List<Double> thresholds) {}

  static Dashboard load(String file) {
    String resource = "/ccpulse/grafana/dashboards/" + file;
    try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("dashboard not on the classpath: " + resource);
      }
      return new Dashboard(file, JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard " + resource, e);
    }
  }

  Panel panel(String title) {
    for (JsonNode p : json.path("panels")) {
      if (p.path("title").asText().equals(title)) {
        List<Double> thresholds = new ArrayList<>();
        for (JsonNode step :
            p.path("fieldConfig").path("defaults").path("thresholds").path("steps")) {
          if (step.path("value").isNumber()) {
            thresholds.add(step.path("value").asDouble());
          }
        }
        return new Panel(
            title,
            p.path("description").asText(""),
            p.path("targets").path(0).path("rawSql").asText(),
            p.path("fieldConfig").path("defaults").path("unit").asText("short"),
            thresholds);
      }
    }
    throw new IllegalArgumentException(file + " has no panel '" + title + "'");
  }

  /** The query of a template variable (its values, in the dashboard's order). */
  String variableSql(String name) {
    for (JsonNode v : json.path("templating").path("list")) {
      if (v.path("name").asText().equals(name)) {
        return v.path("query").asText();
      }
    }
    throw new IllegalArgumentException(file + " has no variable " + name);
  }

  String annotationSql(String name) {
    for (JsonNode a : json.path("annotations").path("list")) {
      if (a.path("name").asText().equals(name) && a.has("target")) {
        return a.path("target").path("rawSql").asText();
      }
    }
    throw new IllegalArgumentException(file + " has no annotation query '" + name + "'");
  }
}
