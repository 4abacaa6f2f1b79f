package io.ccpulse.local.report;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The day as one self-contained HTML page ({@code make run} writes {@code .local/run/report.html}):
 * the Grafana dashboards' views, drawn with Apache ECharts inlined, so it opens offline.
 */
public final class DayReport {
  private DayReport() {}

  /** Writes the report of the day in {@code endpoint}'s database to {@code file}. */
  public static Path write(ClickHouseEndpoint endpoint, Path file)
      throws SQLException, IOException {
    String html;
    try (Connection c = endpoint.open()) {
      html = Page.report(Views.day(c));
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, html, StandardCharsets.UTF_8);
    return file;
  }
}
