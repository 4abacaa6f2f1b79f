package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.local.AnalystViewCheck.ViewRow;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rates worked by hand from a queue's sums; the check must notice any wrong rate, day sum or row.
 */
class AnalystViewCheckTest {
  private static final Duration QUARTER = Duration.ofMinutes(15);
  private static final Instant NINE = Instant.parse("2026-01-05T09:00:00Z");

  private static final TruthRow QUEUE_AT_NINE =
      row(
          EntityKind.QUEUE,
          NINE,
          Map.ofEntries(
              Map.entry(Figure.HANDLED, 4L),
              Map.entry(Figure.HANDLE_MS, 1_000_000L),
              Map.entry(Figure.TRANSFERRED_OUT, 1L),
              Map.entry(Figure.OFFERED, 10L),
              Map.entry(Figure.ANSWERED, 5L),
              Map.entry(Figure.ABANDONED, 4L),
              Map.entry(Figure.SHORT_ABANDONED, 2L),
              Map.entry(Figure.WAIT_ANSWERED_MS, 50_000L),
              Map.entry(Figure.WAIT_MAX_MS, 20_000L),
              Map.entry(Figure.ANSWERED_WITHIN_SL, 6L),
              Map.entry(Figure.CSAT_RESPONSES, 2L),
              Map.entry(Figure.CSAT_SUM, 9L),
              // Two asked the likelihood to recommend: a passive and a detractor, NPS -50.
              Map.entry(Figure.NPS_RESPONSES, 2L),
              Map.entry(Figure.NPS_DETRACTORS, 1L)));

  /** Only legs: no wait ended, so no abandon rate, service level or ASA. */
  private static final TruthRow QUEUE_AT_NINE_15 =
      row(
          EntityKind.QUEUE,
          NINE.plus(QUARTER),
          Map.of(Figure.HANDLED, 1L, Figure.HANDLE_MS, 200_000L, Figure.WAIT_MAX_MS, 30_000L));

  private static final TruthRow AGENT_TIME =
      row(
          EntityKind.AGENT_TIME,
          NINE,
          Map.of(
              Figure.LOGGED_IN_MS,
              900_000L,
              Figure.BUSY_MS,
              600_000L,
              Figure.AVAILABLE_IDLE_MS,
              200_000L,
              Figure.AVAILABLE_MS,
              250_000L));
  private static final List<TruthRow> TRUTH = List.of(QUEUE_AT_NINE, QUEUE_AT_NINE_15, AGENT_TIME);

  private static TruthRow row(EntityKind kind, Instant start, Map<Figure, Long> figures) {
    long[] values = kind.figures().stream().mapToLong(f -> figures.getOrDefault(f, 0L)).toArray();
    return new TruthRow(
        QUARTER,
        start,
        kind,
        "t1",
        kind == EntityKind.AGENT_TIME ? "a1" : null,
        kind == EntityKind.QUEUE ? "q1" : null,
        kind == EntityKind.QUEUE ? Channel.VOICE : null,
        values);
  }

  /** The views as they should read, written out by hand. */
  private static List<ViewRow> intervals() {
    return new ArrayList<>(
        List.of(
            new ViewRow(
                "QUEUE t1/q1 VOICE 900s@2026-01-05T09:00:00Z",
                rates(250.0, 10.0, 0.25, 0.75, 0.25, 4.5, -50.0)),
            new ViewRow(
                "QUEUE t1/q1 VOICE 900s@2026-01-05T09:15:00Z",
                rates(200.0, null, null, null, 0.0, null, null))));
  }

  private static List<ViewRow> agentTime() {
    Map<String, Object> occupancy = new HashMap<>();
    occupancy.put("occupancy", 0.75);
    return new ArrayList<>(
        List.of(new ViewRow("AGENT_TIME t1/a1  900s@2026-01-05T09:00:00Z", occupancy)));
  }

  private static List<ViewRow> daily() {
    Map<String, Object> day = new LinkedHashMap<>();
    TruthComparison.INTERVAL_FIGURES.forEach(c -> day.put(c, 0L));
    day.putAll(
        Map.of(
            "handled",
            5L,
            "handle_ms",
            1_200_000L,
            "transferred_out",
            1L,
            "offered",
            10L,
            "answered",
            5L,
            "abandoned",
            4L,
            "short_abandoned",
            2L,
            "wait_answered_ms",
            50_000L,
            "answered_within_sl",
            6L));
    day.putAll(Map.of("csat_responses", 2L, "csat_sum", 9L, "wait_max_ms", 30_000L));
    day.putAll(Map.of("nps_responses", 2L, "nps_detractors", 1L));
    day.putAll(rates(240.0, 10.0, 0.25, 0.75, 0.2, 4.5, -50.0));
    return new ArrayList<>(List.of(new ViewRow("QUEUE t1/q1 VOICE 2026-01-05", day)));
  }

  private static Map<String, Object> rates(
      Double aht, Double asa, Double abandon, Double sl, Double transfer, Double csat, Double nps) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aht_s", aht);
    m.put("asa_s", asa);
    m.put("abandon_rate", abandon);
    m.put("service_level", sl);
    m.put("transfer_rate", transfer);
    m.put("csat_avg", csat);
    m.put("nps", nps);
    return m;
  }

  @Test
  void ratesWorkedByHandMatch() {
    AnalystViewCheck.Report report =
        AnalystViewCheck.compare(TRUTH, intervals(), agentTime(), daily());
    assertThat(report.differences()).isEmpty();
    assertThat(report.summary())
        .isEqualTo(
            "interval_metrics_current rates 2 rows, agent_time_current occupancy 1 rows, daily_metrics 1 rows, 0 differences");
  }

  @Test
  void aWrongRateInAnyColumnIsReported() {
    for (String column : Rates.INTERVAL) {
      List<ViewRow> intervals = intervals();
      intervals.get(0).values().put(column, (Double) intervals.get(0).values().get(column) + 0.001);
      AnalystViewCheck.Report report =
          AnalystViewCheck.compare(TRUTH, intervals, agentTime(), daily());
      assertThat(report.differences())
          .as(column)
          .singleElement()
          .asString()
          .contains(" " + column + " expected ");
    }
    List<ViewRow> agentTime = agentTime();
    agentTime.get(0).values().put("occupancy", 0.8);
    assertThat(AnalystViewCheck.compare(TRUTH, intervals(), agentTime, daily()).differences())
        .singleElement()
        .asString()
        .contains("occupancy expected 0.75 got 0.8");
  }

  @Test
  void aRateWhereItsBaseIsZeroIsReported() {
    List<ViewRow> intervals = intervals();
    intervals.get(1).values().put("service_level", 0.0); // no wait ended: NULL, not 0
    assertThat(AnalystViewCheck.compare(TRUTH, intervals, agentTime(), daily()).differences())
        .singleElement()
        .asString()
        .contains("service_level expected null got 0.0");
  }

  @Test
  void aMissingRateIsReported() {
    List<ViewRow> intervals = intervals();
    intervals.get(0).values().put("aht_s", null);
    assertThat(AnalystViewCheck.compare(TRUTH, intervals, agentTime(), daily()).differences())
        .singleElement()
        .asString()
        .contains("aht_s expected 250.0 got null");
  }

  @Test
  void aWrongDailySumOrMaximumIsReported() {
    for (String column : TruthComparison.INTERVAL_FIGURES) {
      List<ViewRow> daily = daily();
      daily.get(0).values().merge(column, 1L, (a, b) -> (Long) a + (Long) b);
      assertThat(AnalystViewCheck.compare(TRUTH, intervals(), agentTime(), daily).differences())
          .as(column)
          .singleElement()
          .asString()
          .contains(" " + column + " expected ");
    }
  }

  @Test
  void aMissingOrExtraDayIsReported() {
    assertThat(AnalystViewCheck.compare(TRUTH, intervals(), agentTime(), List.of()).differences())
        .singleElement()
        .asString()
        .isEqualTo("daily_metrics missing QUEUE t1/q1 VOICE 2026-01-05");
    List<ViewRow> daily = daily();
    daily.add(new ViewRow("QUEUE t1/q1 VOICE 2026-01-06", daily.get(0).values()));
    assertThat(AnalystViewCheck.compare(TRUTH, intervals(), agentTime(), daily).differences())
        .singleElement()
        .asString()
        .isEqualTo("daily_metrics not in the truth: QUEUE t1/q1 VOICE 2026-01-06");
  }

  @Test
  void anExtraIntervalRowIsReported() {
    List<ViewRow> intervals = intervals();
    intervals.add(
        new ViewRow(
            "QUEUE t1/q2 VOICE 900s@2026-01-05T09:00:00Z",
            rates(null, null, null, null, null, null, null)));
    assertThat(AnalystViewCheck.compare(TRUTH, intervals, agentTime(), daily()).differences())
        .singleElement()
        .asString()
        .startsWith("interval_metrics_current not in the truth: QUEUE t1/q2");
  }
}
