package io.ccpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.script.WorkedExample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The do-it-yourself peer's SQL against hand-worked and simulated truth: exact where the events are
 * clean (what plain SQL gets right), duplicates counted once.
 */
class PeerQueryITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  @Test
  void workedExampleQueueFiguresAreTheHandWorkedOnes() throws Exception {
    Simulation day = Simulator.replay(WorkedExample.day(), TruthSettings.defaults());
    List<PeerQuery.Row> rows = load(day.records(EventStream.INTERACTIONS), 1);

    // q1 08:00-08:15, worked by hand (HandWorkedTruthTest): c4 answered after 21 s, c1 after
    // exactly 20 s (within the service level); no leg of q1 wrapped up in that quarter hour.
    assertThat(row(rows, "q1", "2026-01-05T08:00:00Z").figures())
        .containsExactly(2, 2, 0, 0, 41_000, 1, 0, 0);
    // q1 08:15-08:30: c2's 3 s abandon (short); c4's leg (08:02:21-08:15:00, 759 s: its wrap-up
    // ends on the boundary, so it counts here) and a1's leg of c1 (08:10:20-08:19:00, 520 s).
    assertThat(row(rows, "q1", "2026-01-05T08:15:00Z").figures())
        .containsExactly(1, 0, 1, 1, 0, 0, 2, 1_279_000);
    PeerComparison.Report report = PeerComparison.compare(day.truth(), rows);
    assertThat(report.examples()).isEmpty();
    assertThat(report.differences()).isZero();
    assertThat(report.truthRows()).isEqualTo(rows.size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void duplicatesCountOnceAndUnreadableRecordsAreSkipped() throws Exception {
    Simulation day = Simulator.replay(WorkedExample.day(), TruthSettings.defaults());
    try (PeerQuery peer = new PeerQuery(endpoint())) {
      for (int copy = 0; copy < 2; copy++) {
        for (DeliveredRecord r : day.records(EventStream.INTERACTIONS)) {
          peer.add(r.value());
        }
      }
      peer.add(new byte[] {1, 2, 3});
      peer.flush();
      assertThat(peer.loaded()).isEqualTo(2L * day.records(EventStream.INTERACTIONS).size());
      assertThat(peer.unreadable()).isEqualTo(1);
      PeerComparison.Report report = PeerComparison.compare(day.truth(), peer.queueFigures());
      assertThat(report.examples()).isEmpty();
      assertThat(report.differences()).isZero();
    }
  }

  @Test
  void aCleanSimulatedDayIsExactInEveryQueueRow() throws Exception {
    Simulation day =
        Simulator.run(Preset.SMALL.builder().seed(7).faults(FaultSettings.none()).build());
    List<PeerQuery.Row> rows = load(day.records(EventStream.INTERACTIONS), 1);
    PeerComparison.Report report = PeerComparison.compare(day.truth(), rows);
    assertThat(report.examples()).isEmpty();
    assertThat(report.truthRows()).isGreaterThan(20);
  }

  @Test
  void aDayWithFaultsIsCloseButNotExact() throws Exception {
    // The default faults: duplicates (which the peer drops), and too-late and impossible events,
    // which plain SQL counts as if they were fine while the pipeline rejects them, as the truth
    // does. This is the price of exactness the benchmark prints for the large day.
    Simulation day = Simulator.run(Preset.DEFAULT.builder().seed(20260105L).build());
    List<PeerQuery.Row> rows = load(day.records(EventStream.INTERACTIONS), 1);
    PeerComparison.Report report = PeerComparison.compare(day.truth(), rows);
    assertThat(report.differences()).isPositive().isLessThan(report.truthRows() / 10);
  }

  private List<PeerQuery.Row> load(List<DeliveredRecord> records, int copies) throws Exception {
    try (PeerQuery peer = new PeerQuery(endpoint())) {
      for (int copy = 0; copy < copies; copy++) {
        for (DeliveredRecord r : records) {
          peer.add(r.value());
        }
      }
      peer.flush();
      return peer.queueFigures();
    }
  }

  /** The test's own database (a fresh one per test method). */
  private ClickHouseEndpoint endpoint() {
    return new ClickHouseEndpoint(
        clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
  }

  private static PeerQuery.Row row(List<PeerQuery.Row> rows, String queue, String start) {
    long at = Instant.parse(start).toEpochMilli();
    return rows.stream()
        .filter(r -> r.queue().equals(queue) && r.intervalStartMs() == at)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no row for " + queue + " at " + start + ": " + rows));
  }
}
