package io.ccpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartitionClockTest {
  private static final long BOUND = 30_000;
  private static final long T0 = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();
  private final List<
          OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>>>
      harnesses = new ArrayList<>();
  private long offset;

  @AfterEach
  void tearDown() throws Exception {
    for (var h : harnesses) {
      h.close();
    }
  }

  @Test
  void theClockIsTheArrivalMinusTheBoundWhenNoEventIsAheadOfIt() throws Exception {
    var h = open(null, 1, 0);
    read(h, 0, 0, 0); // happened at T0, reached Kafka at T0
    read(h, 0, 10_000, 400_000); // happened at T0+10 s, reached Kafka 6 min 30 s later
    assertThat(clocks(h)).containsExactly(T0 - BOUND - 1, T0 + 400_000 - BOUND - 1);
  }

  @Test
  void theClockNeverFallsBehindTheEventsAlreadyReadOnItsPartition() throws Exception {
    var h = open(null, 1, 0);
    read(h, 0, 600_000, 600_000);
    read(h, 0, 0, 0); // stamped with its event time (an importer, a producer doing so): still late
    read(h, 1, 0, 0); // another partition has its own clock
    assertThat(clocks(h))
        .containsExactly(T0 + 600_000 - BOUND - 1, T0 + 600_000 - BOUND - 1, T0 - BOUND - 1);
  }

  @Test
  void aRecordWithoutTimestampOrEventTakesTheEventsClockAndLeavesItAlone() throws Exception {
    var h = open(null, 1, 0);
    Inbound<InteractionEvent> unreadable = Inbound.of(null, "t", 0, offset++);
    h.processElement(new StreamRecord<>(unreadable));
    read(h, 0, 5_000, Long.MIN_VALUE);
    h.processElement(new StreamRecord<>(Inbound.of(null, "t", 0, offset++)));
    assertThat(clocks(h)).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE, T0 + 5_000 - BOUND - 1);
  }

  @Test
  void theLatestEventTimesSurviveARestoreAndARescale() throws Exception {
    var a = open(null, 2, 0);
    var b = open(null, 2, 1);
    read(a, 0, 100_000, 100_000);
    read(b, 1, 200_000, 200_000);
    OperatorSubtaskState merged =
        AbstractStreamOperatorTestHarness.repackageState(a.snapshot(1, 1), b.snapshot(1, 1));
    var single =
        open(
            AbstractStreamOperatorTestHarness.repartitionOperatorState(merged, 128, 2, 1, 0), 1, 0);
    read(single, 0, 0, 0);
    read(single, 1, 0, 0);
    assertThat(clocks(single)).containsExactly(T0 + 100_000 - BOUND - 1, T0 + 200_000 - BOUND - 1);
  }

  private OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>>
      open(OperatorSubtaskState state, int parallelism, int subtask) throws Exception {
    var h =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(new PartitionClock<>(EventKind.INTERACTION, BOUND)),
            128,
            parallelism,
            subtask);
    harnesses.add(h);
    if (state != null) {
      h.initializeState(state);
    }
    h.open();
    return h;
  }

  /**
   * A record of {@code partition} that happened at T0 + {@code atMs} and arrived at T0 + {@code
   * arrivedMs}.
   */
  private void read(
      OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>> h,
      int partition,
      long atMs,
      long arrivedMs)
      throws Exception {
    InteractionEvent e =
        InteractionEvent.newBuilder()
            .setEventId("e" + offset)
            .setTenantId("t")
            .setInteractionId("c" + offset)
            .setChannel(Channel.VOICE)
            .setType(InteractionType.QUEUED)
            .setOccurredAt(Instant.ofEpochMilli(T0 + atMs))
            .setQueueId("q")
            .build();
    Inbound<InteractionEvent> in = Inbound.of(e, "t", partition, offset++);
    in.arrivedAt = arrivedMs == Long.MIN_VALUE ? Long.MIN_VALUE : T0 + arrivedMs;
    h.processElement(new StreamRecord<>(in));
  }

  private static List<Long> clocks(
      OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>> h) {
    return h.extractOutputValues().stream().map(in -> in.partitionClock).toList();
  }
}
