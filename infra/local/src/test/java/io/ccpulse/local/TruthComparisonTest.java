package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.local.TruthComparison.StoredRow;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.TruthRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The comparison must fail on every kind of wrong row: a check that cannot fail proves nothing. */
class TruthComparisonTest {
  private static final Duration SIZE = Duration.ofMinutes(15);
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  /** One row of each kind, every figure non-zero and different, so any swap or drop shows. */
  private static final List<TruthRow> TRUTH =
      List.of(
          row(EntityKind.AGENT, "a1", null, Channel.VOICE, 1),
          row(EntityKind.AGENT_TIME, "a1", null, null, 100),
          row(EntityKind.QUEUE, null, "q1", Channel.VOICE, 200),
          row(EntityKind.TENANT_CHANNEL, null, null, Channel.VOICE, 300));

  private static TruthRow row(
      EntityKind kind, String agent, String queue, Channel channel, long first) {
    long[] values = LongStream.range(first, first + kind.figures().size()).toArray();
    return new TruthRow(SIZE, START, kind, "t1", agent, queue, channel, values);
  }

  private static List<StoredRow> intervals() {
    return stored(TRUTH.stream().filter(r -> r.kind() != EntityKind.AGENT_TIME));
  }

  private static List<StoredRow> agentTime() {
    return stored(TRUTH.stream().filter(r -> r.kind() == EntityKind.AGENT_TIME));
  }

  private static List<StoredRow> stored(Stream<TruthRow> rows) {
    return new ArrayList<>(rows.map(StoredRow::of).toList());
  }

  @Test
  void equalRowsReportNothing() {
    TruthComparison.Report report = TruthComparison.compare(TRUTH, intervals(), agentTime());
    assertThat(report.differences()).isEmpty();
    assertThat(report.allMatch()).isTrue();
    assertThat(report.matched()).isEqualTo(4);
    assertThat(report.summary())
        .isEqualTo(
            "interval_metrics_current 3 of 3, agent_time_current 1 of 1, 0 rows not in the truth");
  }

  @Test
  void aMissingRowIsReported() {
    List<StoredRow> intervals = intervals();
    intervals.remove(1); // the QUEUE row
    TruthComparison.Report report = TruthComparison.compare(TRUTH, intervals, agentTime());
    assertThat(report.allMatch()).isFalse();
    assertThat(report.differences())
        .singleElement()
        .asString()
        .startsWith("missing in ClickHouse: QUEUE t1/q1");
  }

  @Test
  void anExtraAllZeroRowIsReported() {
    List<StoredRow> intervals = intervals();
    intervals.add(zeroRow("AGENT t1/a2 VOICE 900s@" + START));
    TruthComparison.Report report = TruthComparison.compare(TRUTH, intervals, agentTime());
    assertThat(report.allMatch()).isFalse();
    assertThat(report.notInTruth()).isEqualTo(1);
    assertThat(report.differences())
        .singleElement()
        .asString()
        .startsWith("not in the truth: AGENT t1/a2");
  }

  @Test
  void anExtraIncompleteLegsOnlyRowIsReported() {
    List<StoredRow> intervals = intervals();
    StoredRow incomplete = zeroRow("QUEUE t1/q2 CHAT 900s@" + START);
    incomplete.columns().put("incomplete_legs", 1L);
    intervals.add(incomplete);
    TruthComparison.Report report = TruthComparison.compare(TRUTH, intervals, agentTime());
    assertThat(report.allMatch()).isFalse();
    assertThat(report.differences())
        .singleElement()
        .asString()
        .startsWith("not in the truth: QUEUE t1/q2");
  }

  @Test
  void anExtraAgentTimeRowIsReported() {
    List<StoredRow> agentTime = agentTime();
    StoredRow extra = StoredRow.of(row(EntityKind.AGENT_TIME, "a9", null, null, 0));
    agentTime.add(extra);
    TruthComparison.Report report = TruthComparison.compare(TRUTH, intervals(), agentTime);
    assertThat(report.allMatch()).isFalse();
    assertThat(report.differences())
        .singleElement()
        .asString()
        .startsWith("not in the truth: AGENT_TIME t1/a9");
  }

  /**
   * Every view column on every row kind: a QUEUE figure on an AGENT row, incomplete_legs anywhere.
   */
  static Stream<Arguments> everyColumnOfEveryRow() {
    return TRUTH.stream()
        .flatMap(
            r ->
                (r.kind() == EntityKind.AGENT_TIME
                        ? TruthComparison.AGENT_TIME_FIGURES
                        : TruthComparison.INTERVAL_FIGURES)
                    .stream().map(column -> Arguments.of(r.kind(), column)));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("everyColumnOfEveryRow")
  void aWrongValueInAnyColumnIsReported(EntityKind kind, String column) {
    List<StoredRow> intervals = intervals();
    List<StoredRow> agentTime = agentTime();
    List<StoredRow> rows = kind == EntityKind.AGENT_TIME ? agentTime : intervals;
    StoredRow wrong =
        rows.stream().filter(r -> r.key().startsWith(kind.name() + " ")).findFirst().orElseThrow();
    wrong.columns().merge(column, 1L, Long::sum);
    TruthComparison.Report report = TruthComparison.compare(TRUTH, intervals, agentTime);
    assertThat(report.allMatch()).isFalse();
    assertThat(report.matched()).isEqualTo(3);
    assertThat(report.differences())
        .singleElement()
        .asString()
        .contains(" " + column + " expected ");
  }

  @Test
  void aColumnMissingFromTheViewIsReported() {
    List<StoredRow> intervals = intervals();
    intervals.get(0).columns().remove("csat_sum");
    TruthComparison.Report report = TruthComparison.compare(TRUTH, intervals, agentTime());
    assertThat(report.differences())
        .singleElement()
        .asString()
        .contains("csat_sum expected 11 got null");
  }

  @Test
  void everyDifferenceIsCountedThoughOnlyTheFirstAreListed() {
    List<StoredRow> intervals = intervals();
    for (int i = 0; i < 30; i++) {
      intervals.add(zeroRow("AGENT t1/x" + i + " VOICE 900s@" + START));
    }
    TruthComparison.Report report = TruthComparison.compare(TRUTH, intervals, agentTime());
    assertThat(report.differenceCount()).isEqualTo(30);
    assertThat(report.differences()).hasSize(TruthComparison.LISTED);
  }

  private static StoredRow zeroRow(String key) {
    Map<String, Long> columns = new LinkedHashMap<>();
    TruthComparison.INTERVAL_FIGURES.forEach(c -> columns.put(c, 0L));
    return new StoredRow(key, columns);
  }
}
