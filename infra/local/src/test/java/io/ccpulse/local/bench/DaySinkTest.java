package io.ccpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.Fault;
import io.ccpulse.simulator.output.RecordSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A day at a time: each day's records flushed and handed over before the next day's first. */
class DaySinkTest {
  /** What the next sink had received, and whether it was flushed since, when a day ended. */
  record Ended(String day, long records, int received, boolean flushed) {}

  private static final class Downstream implements RecordSink {
    final List<DeliveredRecord> received = new ArrayList<>();
    boolean flushed;

    @Override
    public void accept(DeliveredRecord record) {
      received.add(record);
      flushed = false;
    }

    @Override
    public void flush() {
      flushed = true;
    }
  }

  private static DeliveredRecord at(String deliveredAt) {
    long t = Instant.parse(deliveredAt).toEpochMilli();
    // Occurred a day earlier: delivery time, not event time, draws the line.
    return new DeliveredRecord(
        EventStream.INTERACTIONS, "k", new byte[0], t, t - 86_400_000L, Fault.DELAYED);
  }

  @Test
  void eachDayEndsFlushedBeforeTheNextDaysFirstRecordAndEmptyDaysEndToo() {
    Downstream next = new Downstream();
    List<Ended> ended = new ArrayList<>();
    DaySink sink =
        new DaySink(
            next,
            Instant.parse("2026-01-05T00:00:00Z"),
            (day, records) ->
                ended.add(new Ended(day.toString(), records, next.received.size(), next.flushed)));
    sink.accept(at("2026-01-05T10:00:00Z"));
    sink.accept(at("2026-01-05T23:59:59.999Z"));
    assertThat(ended).isEmpty();
    sink.accept(at("2026-01-06T00:00:00Z")); // midnight belongs to the new day
    sink.accept(at("2026-01-06T12:00:00Z"));
    sink.accept(at("2026-01-08T01:00:00Z")); // nothing on the 7th
    sink.finish();
    sink.finish(); // the last day ends once

    assertThat(ended)
        .containsExactly(
            new Ended("2026-01-05", 2, 2, true),
            new Ended("2026-01-06", 4, 4, true),
            new Ended("2026-01-07", 4, 4, true),
            new Ended("2026-01-08", 5, 5, true));
    assertThat(sink.records()).isEqualTo(5);
  }

  @Test
  void finishAfterADayJustEndedAddsNoEmptyDay() {
    Downstream next = new Downstream();
    List<String> ended = new ArrayList<>();
    DaySink sink =
        new DaySink(
            next,
            Instant.parse("2026-01-05T08:00:00Z"),
            (day, records) -> ended.add(day + " " + records));
    sink.finish();
    assertThat(ended).isEmpty(); // nothing published, nothing to sample
    sink.accept(at("2026-01-05T09:00:00Z"));
    sink.finish();
    sink.finish();
    assertThat(ended).containsExactly("2026-01-05 1");
  }
}
