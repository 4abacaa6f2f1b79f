package io.ccpulse.pipeline.interval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactKind;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Facts summed per entity and minute before the windows, worked by hand. */
class IntervalSumsTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_767_600_000_000L; // 2026-01-05T08:00:00Z, a whole minute

  private OneInputStreamOperatorTestHarness<ContactFact, EntityFigures> h;

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  @Test
  void factsOfAnOpenMinuteGoOnAsOneSumPerEntityWhenTheWatermarkPassesItsEnd() throws Exception {
    open(true);
    fact(leg("i-1", 40_000, 0), T0 + 10_000);
    fact(leg("i-2", 60_000, 1), T0 + 50_000);
    fact(leg("i-3", 30_000, 0), T0 + MINUTE + 5_000); // the next minute
    h.processWatermark(new Watermark(T0 + MINUTE - 2));
    assertThat(h.extractOutputValues()).as("the minute is still open").isEmpty();
    h.getOutput().clear();

    h.processWatermark(new Watermark(T0 + MINUTE - 1));
    List<EntityFigures> sums = h.extractOutputValues();
    assertThat(sums)
        .extracting(e -> e.kind + " " + e.entityId)
        .containsExactlyInAnyOrder("AGENT a-1", "QUEUE q-1", "TENANT_CHANNEL VOICE");
    assertThat(sums)
        .allSatisfy(
            e -> {
              assertThat(e.intervalStart).isEqualTo(T0);
              assertThat(e.figures.handled).isEqualTo(2);
              assertThat(e.figures.talkMs).isEqualTo(100_000);
              assertThat(e.figures.heldContacts).isEqualTo(1);
              assertThat(e.fact).as("a sum names no fact").isNull();
            });
    // Stamped with the minute's last millisecond, ahead of the watermark that closed it.
    assertThat(h.getOutput())
        .extracting(o -> o instanceof StreamRecord<?> r ? r.getTimestamp() : o)
        .containsExactly(
            T0 + MINUTE - 1, T0 + MINUTE - 1, T0 + MINUTE - 1, new Watermark(T0 + MINUTE - 1));

    h.getOutput().clear();
    h.processWatermark(new Watermark(T0 + 2 * MINUTE));
    assertThat(h.extractOutputValues())
        .extracting(e -> e.intervalStart + " " + e.figures.handled)
        .containsOnly((T0 + MINUTE) + " 1")
        .hasSize(3);
  }

  @Test
  void aFactWhoseMinuteHasClosedGoesOnAloneAtOnceWithTheFact() throws Exception {
    open(true);
    h.processWatermark(new Watermark(T0 + 90_000));
    h.getOutput().clear();
    ContactFact late = leg("i-9", 20_000, 0);
    late.sign = -1; // a retraction, as a replay sends: after the fact it takes back
    late.at = T0 + 30_000;
    h.processElement(late, T0 + 90_000);
    List<EntityFigures> alone = h.extractOutputValues();
    assertThat(alone).hasSize(3);
    assertThat(alone)
        .allSatisfy(
            e -> {
              assertThat(e.fact).usingRecursiveComparison().isEqualTo(late);
              assertThat(e.intervalStart).isEqualTo(T0);
              assertThat(e.figures.handled).isEqualTo(-1);
              assertThat(e.figures.talkMs).isEqualTo(-20_000);
            });
    assertThat(h.getOutput())
        .as("stamped with its minute's last ms, so a window that finds it too late names it")
        .extracting(o -> ((StreamRecord<?>) o).getTimestamp())
        .containsOnly(T0 + MINUTE - 1);
  }

  @Test
  void aCheckpointSendsOnEverySumSoNothingIsHeldAcrossIt() throws Exception {
    open(true);
    fact(leg("i-1", 40_000, 0), T0 + 10_000);
    h.prepareSnapshotPreBarrier(1);
    assertThat(h.extractOutputValues()).hasSize(3);
    assertThat(h.snapshot(1, 1).getManagedOperatorState()).isEmpty();

    h.getOutput().clear();
    fact(leg("i-2", 60_000, 0), T0 + 20_000); // the same minute, after the checkpoint
    h.processWatermark(new Watermark(T0 + MINUTE));
    assertThat(h.extractOutputValues())
        .as("only what came after the checkpoint, not sent twice")
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.figures.talkMs).isEqualTo(60_000));
  }

  @Test
  void withoutAgentsALegCountsForItsQueueAndChannelAndAStartedLegForNothing() throws Exception {
    open(false);
    fact(leg("i-1", 40_000, 0), T0 + 10_000);
    ContactFact started = leg("i-2", 0, 0);
    started.kind = FactKind.LEG_STARTED;
    fact(started, T0 + 11_000);
    h.getOperator().finish();
    assertThat(h.extractOutputValues())
        .as("the end of the input sends what is open")
        .extracting(e -> e.kind + " " + e.figures.handled)
        .containsExactlyInAnyOrder("QUEUE 1", "TENANT_CHANNEL 1");
  }

  private void open(boolean agents) throws Exception {
    h =
        new OneInputStreamOperatorTestHarness<>(
            new IntervalSums(Duration.ofMinutes(1), agents, new Thresholds(20_000, 5_000)));
    h.open();
  }

  private void fact(ContactFact f, long at) throws Exception {
    f.at = at;
    h.processElement(f, at);
  }

  static ContactFact leg(String interaction, long talkMs, int holds) {
    ContactFact f = new ContactFact();
    f.kind = FactKind.LEG;
    f.tenantId = "acme";
    f.channel = Channel.VOICE;
    f.interactionId = interaction;
    f.queueId = "q-1";
    f.agentId = "a-1";
    f.talkMs = talkMs;
    f.holdCount = holds;
    f.holdMs = holds * 5_000L;
    return f;
  }
}
