package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.events.RejectReason;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same day replayed at full speed on 1 and on 4 partitions (every topic), twice each, under the
 * production defaults (periodic watermarks, two readers; burnout levels lower, to move within the
 * day): every analyst table and view (the interval figures, contact facts, rejections, ingest
 * counts, live queue health and its alerts, the burnout assessments and level changes) is the same
 * in the four runs, and equals the simulator's truth where it has one (interval rows, rates and
 * days, contact facts, rejections, ingest counts). The day has events late within the allowed
 * lateness and contacts too late for it, so the verdict is exercised both ways; it is judged by the
 * partition's clock (docs/metrics.md §10), not by how far another partition has been read.
 */
class ReplayPartitionsITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** Every table and view an analyst reads, as rows of text (what is left out: its javadoc). */
  private static final Map<String, String> VIEWS = ViewChecksums.VIEWS;

  /**
   * Burnout levels that move within three hours (the defaults need 3.5 h without a break for
   * ELEVATED), so level changes are compared too, and every indicator, the demanding-contacts share
   * among them, can move a level.
   */
  private static final Map<String, String> BURNOUT_LEVELS =
      Map.of("burnout.level.elevated", "5", "burnout.level.high", "40");

  /** Views a simulated day may leave empty (an open alert needs one still open at the end). */
  private static final Set<String> MAY_BE_EMPTY = Set.of("open_alerts");

  @Test
  void theSameDayGivesTheSameRowsOnAnyNumberOfPartitions() throws Exception {
    // Three hours, so contacts of the first 85 minutes can be made too late (the too-late delay is
    // the lateness plus two 15-minute intervals, and an hour of traffic must follow it).
    FaultSettings faults =
        FaultSettings.defaults()
            .withOutOfOrder(0.05, Duration.ofMinutes(2))
            .withTooLate(0.08, Duration.ofMinutes(5), null);
    Scenario scenario =
        Preset.SMALL.builder().seed(14).duration(Duration.ofHours(3)).faults(faults).build();

    Map<String, List<String>> first = null;
    String firstRun = null;
    ClickHouseEndpoint firstEndpoint = null;
    ClickHouseEndpoint lastEndpoint = null;
    List<String> databases = new ArrayList<>();
    try {
      for (int partitions : new int[] {1, 4}) {
        for (int round = 1; round <= 2; round++) {
          String run = partitions + " partitions, round " + round;
          String database = CLICKHOUSE.database() + "_p" + partitions + "_" + round;
          databases.add(database);
          ClickHouseEndpoint endpoint =
              new ClickHouseEndpoint(CLICKHOUSE.serverJdbcUrl(), database, "default", Map.of());
          SimulatedDay day =
              SimulatedDay.run(
                  scenario,
                  KAFKA,
                  endpoint,
                  "replay-p" + partitions + "-" + round,
                  partitions,
                  partitions,
                  BURNOUT_LEVELS);
          assertThat(day.sim().faults().expectedRejections(EventStream.INTERACTIONS))
              .as("the day has too-late contacts")
              .containsKey(RejectReason.TOO_LATE);
          assertThat(day.sim().faults().expectedRejections(EventStream.SURVEYS))
              .as("and too-late surveys")
              .containsKey(RejectReason.TOO_LATE);
          day.assertMatchesTheTruth();
          Map<String, List<String>> views = views(endpoint);
          assertThat(views.get("ingest_counts_current"))
              .as("ingest_counts on %s: every record that decodes and is not too late", run)
              .containsExactlyInAnyOrderElementsOf(
                  IngestTruth.rows(day.sim().records(), Duration.ofMinutes(1)));
          assertThat(views.get("queue_alerts"))
              .as("the day raises and clears alerts")
              .anyMatch(r -> r.contains("RAISED"))
              .anyMatch(r -> r.contains("CLEARED"));
          assertThat(views.get("sink_rejections")).containsExactly("0");
          lastEndpoint = endpoint;
          if (first == null) {
            first = views;
            firstRun = run;
            firstEndpoint = endpoint;
            assertThat(views.get("rejected_events")).anyMatch(r -> r.contains("TOO_LATE"));
          } else {
            for (String view : views.keySet()) {
              assertThat(views.get(view))
                  .as("%s on %s against %s", view, run, firstRun)
                  .containsExactlyElementsOf(first.get(view));
            }
            // What make replay --compare-with prints and returns.
            assertThat(
                    ViewChecksums.compare(
                        endpoint, firstEndpoint, new PrintStream(OutputStream.nullOutputStream())))
                .as("views whose checksum differs on %s from %s", run, firstRun)
                .isEmpty();
          }
        }
      }
      // And the comparison sees a difference: one level change more in the last run's database.
      CLICKHOUSE.execute(
          "INSERT INTO "
              + lastEndpoint.database()
              + ".burnout_level_changes SELECT * REPLACE (at + INTERVAL 1 SECOND AS at)"
              + " FROM "
              + lastEndpoint.database()
              + ".burnout_level_changes LIMIT 1");
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      assertThat(
              ViewChecksums.compare(
                  lastEndpoint,
                  firstEndpoint,
                  new PrintStream(printed, true, StandardCharsets.UTF_8)))
          .containsExactly("burnout_level_changes");
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("burnout_level_changes      DIFFERS: ")
          .contains("1 view(s) differ from " + firstEndpoint.database());
    } finally {
      for (String database : databases) {
        CLICKHOUSE.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  private static Map<String, List<String>> views(ClickHouseEndpoint endpoint) throws Exception {
    Map<String, List<String>> views = new LinkedHashMap<>();
    List<String> checksums = new ArrayList<>();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      for (Map.Entry<String, String> view : VIEWS.entrySet()) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(view.getValue())) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(i > 1 ? " | " : "").append(rs.getString(i));
            }
            rows.add(row.toString());
          }
        }
        if (!MAY_BE_EMPTY.contains(view.getKey())) {
          assertThat(rows).as(view.getKey()).isNotEmpty();
        }
        // And the checksum make replay prints of it, compared with the rows.
        try (ResultSet rs = st.executeQuery(ViewChecksums.checksumQuery(view.getValue()))) {
          rs.next();
          assertThat(rs.getLong(1))
              .as("%s checksum's row count", view.getKey())
              .isEqualTo(rows.size());
          checksums.add(view.getKey() + " " + rs.getString(2));
        }
        views.put(view.getKey(), rows);
      }
      views.put("checksums", checksums);
    }
    return views;
  }
}
