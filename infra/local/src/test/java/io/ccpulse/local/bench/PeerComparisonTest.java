package io.ccpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of difference is counted, and rows that are not the peer's business are not. */
class PeerComparisonTest {
  private static final Duration QUARTER = Duration.ofMinutes(15);
  private static final Instant NINE = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant QUARTER_PAST = NINE.plus(QUARTER);

  /** A queue row with offered 3, answered 2, abandoned 1, ... handle 600 s (and other figures). */
  private static TruthRow queue(Duration size, Instant start, String queue) {
    long[] values = new long[EntityKind.QUEUE.figures().size()];
    List<Figure> figures = EntityKind.QUEUE.figures();
    values[figures.indexOf(Figure.OFFERED)] = 3;
    values[figures.indexOf(Figure.ANSWERED)] = 2;
    values[figures.indexOf(Figure.ABANDONED)] = 1;
    values[figures.indexOf(Figure.WAIT_ANSWERED_MS)] = 30_000;
    values[figures.indexOf(Figure.ANSWERED_WITHIN_SL)] = 1;
    values[figures.indexOf(Figure.HANDLED)] = 2;
    values[figures.indexOf(Figure.HANDLE_MS)] = 600_000;
    values[figures.indexOf(Figure.TALK_MS)] = 500_000; // not the peer's: never compared
    return new TruthRow(size, start, EntityKind.QUEUE, "t1", null, queue, Channel.VOICE, values);
  }

  private static TruthRow surveysOnly(Instant start, String queue) {
    long[] values = new long[EntityKind.QUEUE.figures().size()];
    values[EntityKind.QUEUE.figures().indexOf(Figure.CSAT_RESPONSES)] = 1;
    return new TruthRow(QUARTER, start, EntityKind.QUEUE, "t1", null, queue, Channel.VOICE, values);
  }

  private static PeerQuery.Row peer(String queue, Instant start, long... figures) {
    return new PeerQuery.Row("t1", queue, start.toEpochMilli(), figures);
  }

  private static final long[] SAME = {3, 2, 1, 0, 30_000, 1, 2, 600_000};

  @Test
  void equalFiguresAreNoDifference() {
    PeerComparison.Report r =
        PeerComparison.compare(
            List.of(queue(QUARTER, NINE, "q1")), List.of(peer("q1", NINE, SAME)));
    assertThat(r.differences()).isZero();
    assertThat(r.truthRows()).isEqualTo(1);
    assertThat(r.examples()).isEmpty();
  }

  @Test
  void eachKindOfDifferenceIsCounted() {
    List<TruthRow> truth =
        List.of(
            queue(QUARTER, NINE, "q1"), // equal
            queue(QUARTER, QUARTER_PAST, "q1"), // the peer has one abandon too many
            queue(QUARTER, NINE, "q2")); // the peer has no row
    List<PeerQuery.Row> peer =
        List.of(
            peer("q1", NINE, SAME),
            peer("q1", QUARTER_PAST, 3, 2, 2, 0, 30_000, 1, 2, 600_000),
            peer("q3", NINE, SAME)); // the truth has no row
    PeerComparison.Report r = PeerComparison.compare(truth, peer);
    assertThat(r.differing()).isEqualTo(1);
    assertThat(r.missing()).isEqualTo(1);
    assertThat(r.extra()).isEqualTo(1);
    assertThat(r.differences()).isEqualTo(3);
    assertThat(r.truthRows()).isEqualTo(3);
    assertThat(r.examples()).hasSize(3);
    assertThat(r.toString()).startsWith("3 of 3 truth rows differ");
  }

  @Test
  void otherSizesAndKindsAndRowsWithoutItsFiguresAreNotThePeers() {
    TruthRow agent =
        new TruthRow(
            QUARTER,
            NINE,
            EntityKind.AGENT,
            "t1",
            "a1",
            null,
            Channel.VOICE,
            new long[EntityKind.AGENT.figures().size()]);
    PeerComparison.Report r =
        PeerComparison.compare(
            List.of(queue(Duration.ofMinutes(1), NINE, "q1"), agent, surveysOnly(NINE, "q2")),
            List.of());
    assertThat(r.truthRows()).isZero();
    assertThat(r.differences()).isZero();
  }
}
