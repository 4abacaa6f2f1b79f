package io.ccpulse.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Inbound;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events counted per tenant, type and minute where they are read, worked by hand. */
class IngestSumsTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_767_600_000_000L; // a whole minute

  private OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, IngestSum> h;
  private long offset;

  @BeforeEach
  void open() throws Exception {
    h =
        new OneInputStreamOperatorTestHarness<>(
            new IngestSums<>(EventKind.INTERACTION, Duration.ofMinutes(1)));
    h.open();
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  @Test
  void aMinutesEventsGoOnAsOneCountPerTenantAndTypeWhenTheWatermarkPassesIt() throws Exception {
    event("t-1", InteractionType.QUEUED, 1_000);
    event("t-1", InteractionType.QUEUED, 59_999);
    event("t-1", InteractionType.ANSWERED, 30_000);
    event("t-2", InteractionType.QUEUED, 2_000);
    event("t-1", InteractionType.QUEUED, MINUTE); // the next minute
    h.processWatermark(new Watermark(T0 + MINUTE - 2));
    assertThat(h.extractOutputValues()).isEmpty();
    h.getOutput().clear();

    h.processWatermark(new Watermark(T0 + MINUTE - 1));
    assertThat(h.extractOutputValues())
        .extracting(s -> s.key.tenantId + " " + s.key.id + " " + s.events)
        .containsExactlyInAnyOrder(
            "t-1 InteractionEvent.QUEUED 2",
            "t-1 InteractionEvent.ANSWERED 1",
            "t-2 InteractionEvent.QUEUED 1");
    // stamped with the minute's last millisecond, so each lands in its minute's window
    assertThat(h.getOutput())
        .extracting(o -> o instanceof StreamRecord<?> r ? r.getTimestamp() : o)
        .containsExactly(
            T0 + MINUTE - 1, T0 + MINUTE - 1, T0 + MINUTE - 1, new Watermark(T0 + MINUTE - 1));
  }

  @Test
  void anEventOfAMinuteAlreadyPassedGoesOnAloneAtOnce() throws Exception {
    h.processWatermark(new Watermark(T0 + MINUTE));
    h.getOutput().clear();
    event("t-1", InteractionType.ABANDONED, 10_000);
    assertThat(h.extractOutputValues())
        .extracting(s -> s.key.id + " " + s.events)
        .containsExactly("InteractionEvent.ABANDONED 1");
  }

  @Test
  void aCheckpointSendsWhatIsBeingCountedSoNothingIsKeptOutsideTheWindows() throws Exception {
    event("t-1", InteractionType.QUEUED, 1_000);
    event("t-1", InteractionType.QUEUED, MINUTE + 1_000);
    h.prepareSnapshotPreBarrier(1);
    assertThat(h.extractOutputValues()).extracting(s -> s.events).containsExactly(1L, 1L);
    h.getOutput().clear();
    h.processWatermark(new Watermark(T0 + 2 * MINUTE));
    assertThat(h.extractOutputValues()).isEmpty();
  }

  private void event(String tenant, InteractionType type, long atMs) throws Exception {
    InteractionEvent e =
        InteractionEvent.newBuilder()
            .setEventId("e" + offset)
            .setTenantId(tenant)
            .setInteractionId("c" + offset)
            .setChannel(Channel.VOICE)
            .setType(type)
            .setOccurredAt(Instant.ofEpochMilli(T0 + atMs))
            .setQueueId("q")
            .build();
    h.processElement(new StreamRecord<>(Inbound.of(e, "interactions", 0, offset++), T0 + atMs));
  }
}
