package io.ccpulse.pipeline.interval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.contact.ContactFact;
import java.time.Duration;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A fact after its interval closed, through the sums and the windows (one minute, five minutes'
 * lateness, keyed by entity as the job keys them): within the allowed lateness it corrects the row;
 * past it, it is named in the too-late output, never dropped, however late the record carrying it
 * was sent.
 */
class IntervalLatenessTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_767_600_000_000L; // 2026-01-05T08:00:00Z

  @Test
  void aRetractionSentLongAfterItsFactIsNamedTooLateNotDropped() throws Exception {
    try (var sums = sums();
        var windows = IntervalWindowsTest.harness()) {
      sums.open();
      windows.open();
      send(sums, windows, leg(T0 + 10_000, 1), T0 + 10_000);
      sums.processWatermark(new Watermark(T0 + MINUTE - 1));
      windows.processWatermark(new Watermark(T0 + MINUTE - 1));
      drain(sums, windows);
      assertThat(windows.extractOutputValues())
          .extracting(r -> r.kind + " " + r.figures.handled)
          .containsExactlyInAnyOrder("AGENT 1", "QUEUE 1", "TENANT_CHANNEL 1");

      // Within the lateness: the correction.
      long twoMinutesOn = T0 + 3 * MINUTE;
      sums.processWatermark(new Watermark(twoMinutesOn));
      windows.processWatermark(new Watermark(twoMinutesOn));
      send(sums, windows, leg(T0 + 10_000, -1), twoMinutesOn + 1);
      assertThat(windows.extractOutputValues())
          .extracting(r -> r.kind + " " + r.figures.handled)
          .containsExactlyInAnyOrder(
              "AGENT 1", "QUEUE 1", "TENANT_CHANNEL 1", "AGENT 0", "QUEUE 0", "TENANT_CHANNEL 0");

      // Past it, in a record sent an hour on: too late, by name.
      long hourOn = T0 + 60 * MINUTE;
      sums.processWatermark(new Watermark(hourOn));
      windows.processWatermark(new Watermark(hourOn));
      send(sums, windows, leg(T0 + 10_000, -1), hourOn + 1);
      assertThat(windows.extractOutputValues()).hasSize(6);
      assertThat(windows.getSideOutput(IntervalMetrics.TOO_LATE))
          .extracting(r -> r.getValue().kind + " " + r.getValue().fact.interactionId)
          .containsExactlyInAnyOrder("AGENT i-1", "QUEUE i-1", "TENANT_CHANNEL i-1");
    }
  }

  /**
   * {@code f} into the sums as a record of time {@code sentAt}; what comes out, into the windows.
   */
  private static void send(
      OneInputStreamOperatorTestHarness<ContactFact, EntityFigures> sums,
      KeyedOneInputStreamOperatorTestHarness<IntervalKey, EntityFigures, IntervalRow> windows,
      ContactFact f,
      long sentAt)
      throws Exception {
    sums.processElement(f, sentAt);
    drain(sums, windows);
  }

  private static void drain(
      OneInputStreamOperatorTestHarness<ContactFact, EntityFigures> sums,
      KeyedOneInputStreamOperatorTestHarness<IntervalKey, EntityFigures, IntervalRow> windows)
      throws Exception {
    for (Object o : sums.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        @SuppressWarnings("unchecked")
        StreamRecord<EntityFigures> sum = (StreamRecord<EntityFigures>) r;
        windows.processElement(sum);
      }
    }
    sums.getOutput().clear();
  }

  private static OneInputStreamOperatorTestHarness<ContactFact, EntityFigures> sums()
      throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new IntervalSums(Duration.ofMinutes(1), true, Thresholds.from(PipelineConfig.defaults())));
  }

  /** A retraction (sign -1) or a leg of 40 s for queue q-1 and agent a-1, at {@code at}. */
  private static ContactFact leg(long at, int sign) {
    ContactFact f = IntervalSumsTest.leg("i-1", 40_000, 0);
    f.at = at;
    f.sign = sign;
    return f;
  }
}
