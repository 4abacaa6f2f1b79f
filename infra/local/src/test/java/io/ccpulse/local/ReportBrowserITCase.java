package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.local.report.DayReport;
import io.ccpulse.local.report.LivePage;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.Understaffing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The report of a small simulated day and the live page, loaded in a real browser (Debian's
 * headless Chromium): no console error, every chart drawn with data (read from the chart library's
 * own option), screenshots in target/browser.
 */
class ReportBrowserITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void theReportAndTheLivePageDrawEveryChartWithDataAndNoError() throws Exception {
    // An hour of the small preset in which a queue loses its staff for 30 minutes: alerts to shade.
    Scenario scenario =
        Preset.SMALL
            .builder()
            .seed(7)
            .duration(Duration.ofHours(1))
            .understaffing(Understaffing.at(Duration.ofMinutes(20)))
            .build();
    SimulatedDay day = SimulatedDay.run(scenario, KAFKA, CLICKHOUSE, "report-browser");
    Path dir = Path.of("target", "browser");
    Path report = DayReport.write(day.endpoint(), dir.resolve("report.html"));
    assertThat(Files.readString(report))
        .as("self-contained: no script or style from elsewhere")
        .doesNotContain("src=\"http", "href=\"http");

    long t0 = System.nanoTime();
    JsonNode seen;
    try (LivePage live =
        LivePage.start(day.endpoint(), 0, Duration.ofHours(2), Duration.ofMillis(500))) {
      seen =
          Browser.load(dir, "report=" + report.toAbsolutePath().toUri(), "live-page=" + live.uri());
    }
    System.out.printf("Both pages in Chromium in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    System.out.println(seen.toPrettyString());
    for (String page : new String[] {"report", "live-page"}) {
      JsonNode p = seen.path(page);
      assertThat(p.path("errors")).as("%s: console errors", page).isEmpty();
      assertThat(p.path("charts")).as("%s: charts", page).isNotEmpty();
      for (JsonNode chart : p.path("charts")) {
        assertThat(chart.path("series")).as("%s %s: series", page, chart.path("id")).isNotEmpty();
        int points = 0;
        for (JsonNode s : chart.path("series")) {
          points += s.path("points").asInt();
        }
        assertThat(points).as("%s %s: points with a value", page, chart.path("id")).isPositive();
      }
      assertThat(Path.of(p.path("screenshot").asText())).isNotEmptyFile();
    }
    assertThat(seen.path("report").path("charts")).hasSize(11);
    assertThat(seen.path("live-page").path("charts")).hasSize(3);
    // The alerts of the understaffed stretch, shaded on the waiting chart of both pages.
    for (String page : new String[] {"report", "live-page"}) {
      assertThat(seen.path(page).findValues("marked").stream().mapToInt(JsonNode::asInt).sum())
          .as("%s: alerts as marked ranges", page)
          .isPositive();
    }
  }
}
