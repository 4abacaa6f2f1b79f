package io.ccpulse.pipeline.interval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interval windows by hand: one minute, five minutes' lateness. */
class IntervalWindowsTest {
  static final long MINUTE = 60_000;
  static final Duration LATENESS = Duration.ofMinutes(5);
  static final IntervalKey QUEUE = IntervalKey.of("t1", EntityKind.QUEUE, "q1", Channel.VOICE);
  static final IntervalKey AGENT = IntervalKey.of("t1", EntityKind.AGENT, "a1", Channel.VOICE);

  private KeyedOneInputStreamOperatorTestHarness<IntervalKey, EntityFigures, IntervalRow> h;

  @BeforeEach
  void open() throws Exception {
    h = harness();
    h.open();
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  static KeyedOneInputStreamOperatorTestHarness<IntervalKey, EntityFigures, IntervalRow> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new IntervalWindows(Duration.ofMinutes(1), LATENESS),
        EntityFigures::key,
        TypeInformation.of(IntervalKey.class));
  }

  /**
   * A sum of {@code handled} legs and {@code talkMs} for {@code key}'s minute from {@code start}.
   */
  static StreamRecord<EntityFigures> sum(IntervalKey key, long start, int handled, long talkMs) {
    EntityFigures e = EntityFigures.of(key, start);
    e.figures.handled = handled;
    e.figures.talkMs = talkMs;
    return new StreamRecord<>(e, start + MINUTE - 1);
  }

  @Test
  void aMinutesSumsMakeOneRowWhenTheWatermarkPassesItsEndAndNotBefore() throws Exception {
    h.processElement(sum(QUEUE, 0, 2, 100));
    h.processElement(sum(QUEUE, 0, 3, 50)); // from the other sender
    h.processElement(sum(QUEUE, MINUTE, 1, 10)); // the next minute, open
    h.processWatermark(new Watermark(MINUTE - 2));
    assertThat(h.extractOutputValues()).isEmpty();

    h.processWatermark(new Watermark(MINUTE - 1));
    List<IntervalRow> rows = h.extractOutputValues();
    assertThat(rows).hasSize(1);
    IntervalRow row = rows.get(0);
    assertThat(row.entityId).isEqualTo("q1");
    assertThat(row.kind).isEqualTo(EntityKind.QUEUE);
    assertThat(row.intervalStart).isZero();
    assertThat(row.intervalSizeSeconds).isEqualTo(60);
    assertThat(row.figures.handled).isEqualTo(5);
    assertThat(row.figures.talkMs).isEqualTo(150);
    assertThat(row.version).isPositive();
    // One timer for the entity, whatever it keeps: the next minute's end.
    assertThat(h.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void aSumWithinTheLatenessCorrectsTheRowAtOnceWithAHigherVersionAndLaterIsTooLate()
      throws Exception {
    h.processElement(sum(AGENT, 0, 1, 100));
    h.processWatermark(new Watermark(MINUTE - 1));
    IntervalRow first = h.extractOutputValues().get(0);

    h.processWatermark(new Watermark(3 * MINUTE));
    h.processElement(sum(AGENT, 0, 1, 40)); // late, within five minutes
    List<IntervalRow> rows = h.extractOutputValues();
    assertThat(rows).hasSize(2);
    IntervalRow corrected = rows.get(1);
    assertThat(corrected.figures.handled).isEqualTo(2);
    assertThat(corrected.figures.talkMs).isEqualTo(140);
    assertThat(corrected.version).isGreaterThan(first.version);
    assertThat(first.figures.handled).as("the row sent first is not changed").isEqualTo(1);

    h.processWatermark(new Watermark(MINUTE - 1 + LATENESS.toMillis()));
    assertThat(h.numKeyedStateEntries()).as("forgotten once its lateness passed").isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    StreamRecord<EntityFigures> tooLate = sum(AGENT, 0, 1, 7);
    h.processElement(tooLate);
    assertThat(h.extractOutputValues()).hasSize(2);
    assertThat(h.getSideOutput(IntervalMetrics.TOO_LATE))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getValue().figures.talkMs).isEqualTo(7);
              assertThat(r.getTimestamp()).isEqualTo(tooLate.getTimestamp());
            });
  }

  @Test
  void entitiesAreKeptApartAndAMinuteWithoutSumsHasNoRow() throws Exception {
    h.processElement(sum(QUEUE, 0, 1, 1));
    h.processElement(sum(AGENT, 2 * MINUTE, 4, 4));
    h.processWatermark(new Watermark(10 * MINUTE));
    List<IntervalRow> rows = h.extractOutputValues();
    assertThat(rows)
        .extracting(r -> r.entityId + "@" + r.intervalStart / MINUTE + "=" + r.figures.handled)
        .containsExactlyInAnyOrder("q1@0=1", "a1@2=4");
  }

  @Test
  void aCheckpointKeepsWhatIsOpenAndTheRestoredOperatorSendsItOnce() throws Exception {
    h.processElement(sum(QUEUE, 0, 2, 20));
    h.processWatermark(new Watermark(MINUTE - 1));
    h.processElement(sum(QUEUE, MINUTE, 1, 10));
    var snapshot = h.snapshot(1, 1);
    h.close();

    h = harness();
    h.initializeState(snapshot);
    h.open();
    h.processElement(sum(QUEUE, MINUTE, 1, 5));
    h.processWatermark(new Watermark(2 * MINUTE - 1));
    List<IntervalRow> rows = h.extractOutputValues();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).intervalStart).isEqualTo(MINUTE);
    assertThat(rows.get(0).figures.handled).isEqualTo(2);
    assertThat(rows.get(0).figures.talkMs).isEqualTo(15);
  }
}
