package io.ccpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.RejectReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffsetContinuityTest {
  private static final String TOPIC = "interactions";
  private final FakeKafka kafka = new FakeKafka();
  private final List<
          OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>>>
      harnesses = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (var h : harnesses) {
      h.close();
    }
  }

  @Test
  void consecutiveOffsetsPassAsTheyAre() throws Exception {
    var h = open(null);
    read(h, 0, 0, 1, 2, 3);
    assertThat(h.extractOutputValues()).extracting(in -> in.offset).containsExactly(0L, 1L, 2L, 3L);
    assertThat(kafka.lookups).isZero();
  }

  @Test
  void aGapOfRecordsKafkaNoLongerHasIsReportedWithItsRange() throws Exception {
    var h = open(null);
    read(h, 1, 0, 1);
    kafka.logStart = 40; // retention removed 2..39 before the job read them
    read(h, 1, 50);
    List<RejectedEvent> skipped = skipped(h);
    assertThat(skipped)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason).isEqualTo(RejectReason.OFFSETS_SKIPPED.name());
              assertThat(r.sourceTopic).isEqualTo(TOPIC);
              assertThat(r.sourcePartition).isEqualTo(1);
              assertThat(r.sourceOffset).as("first skipped").isEqualTo(2);
              assertThat(r.detail)
                  .startsWith("offsets 2 to 49 of interactions-1 (48 offsets) were never read")
                  .contains("log now starts at 40");
              assertThat(r.payload).isEmpty();
            });
    // Read on: the record after the gap, then the next ones, and no second report.
    read(h, 1, 51);
    assertThat(skipped(h)).hasSize(1);
    assertThat(h.extractOutputValues().stream().filter(in -> !in.isRejected()).map(in -> in.offset))
        .containsExactly(0L, 1L, 50L, 51L);
  }

  @Test
  void aGapOfOffsetsThatNeverHeldARecordIsNoLoss() throws Exception {
    var h = open(null);
    read(h, 0, 0, 1);
    read(
        h, 0, 3,
        4); // offset 2: a transaction marker (or a compacted record); the log still starts at 0
    read(h, 0, 9); // an aborted transaction
    assertThat(skipped(h)).isEmpty();
    assertThat(kafka.lookups).isEqualTo(2);
  }

  @Test
  void theExpectedOffsetSurvivesARestore() throws Exception {
    var h = open(null);
    read(h, 0, 0, 1, 2);
    read(h, 1, 0);
    OperatorSubtaskState snapshot = h.snapshot(1, 1);

    // Stopped; meanwhile retention deletes up to 100 on partition 0. The consumer resets to the log
    // start.
    kafka.logStart = 100;
    var restored = open(snapshot);
    read(restored, 0, 100);
    read(restored, 1, 1);
    assertThat(skipped(restored))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.sourcePartition).isZero();
              assertThat(r.sourceOffset).isEqualTo(3);
              assertThat(r.detail).startsWith("offsets 3 to 99 of interactions-0 (97 offsets)");
            });
  }

  @Test
  void everySubtaskGetsEveryPartitionAfterRescaling() throws Exception {
    var a = open(null, 2, 0);
    var b = open(null, 2, 1);
    read(a, 0, 0, 1, 2);
    read(b, 1, 0, 1, 2, 3, 4);
    OperatorSubtaskState merged =
        AbstractStreamOperatorTestHarness.repackageState(a.snapshot(1, 1), b.snapshot(1, 1));

    kafka.logStart = 20;
    var single =
        open(
            AbstractStreamOperatorTestHarness.repartitionOperatorState(merged, 128, 2, 1, 0), 1, 0);
    read(single, 0, 20);
    read(single, 1, 20);
    assertThat(skipped(single))
        .extracting(r -> r.sourcePartition + "@" + r.sourceOffset)
        .containsExactly("0@3", "1@5");
  }

  @Test
  void withoutStateThePartitionStartsWhereTheGroupCommitted() throws Exception {
    kafka.committed.put(0, 5L);
    kafka.logStart = 30;
    var h = open(null);
    read(h, 0, 30);
    read(
        h, 1,
        0); // no committed offset: the start is a choice (earliest, latest), nothing to compare
    // with
    assertThat(skipped(h))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.sourcePartition).isZero();
              assertThat(r.sourceOffset).isEqualTo(5);
            });
  }

  @Test
  void aGapThatCannotBeCheckedIsReportedUnverified() throws Exception {
    var h = open(null);
    read(h, 0, 0);
    kafka.failing = true;
    read(h, 0, 7);
    assertThat(skipped(h))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.detail)
                    .startsWith(
                        "offsets 1 to 6 of interactions-0 (6 offsets) could not be checked"));
  }

  private OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>>
      open(OperatorSubtaskState state) throws Exception {
    return open(state, 1, 0);
  }

  private OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>>
      open(OperatorSubtaskState state, int parallelism, int subtask) throws Exception {
    var h =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(new OffsetContinuity<InteractionEvent>("g", kafka)),
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

  private static void read(
      OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>> h,
      int partition,
      long... offsets)
      throws Exception {
    for (long offset : offsets) {
      h.processElement(
          new StreamRecord<>(Inbound.of((InteractionEvent) null, TOPIC, partition, offset), 0));
    }
  }

  private static List<RejectedEvent> skipped(
      OneInputStreamOperatorTestHarness<Inbound<InteractionEvent>, Inbound<InteractionEvent>> h) {
    return h.extractOutputValues().stream()
        .filter(Inbound::isRejected)
        .map(in -> in.rejected)
        .toList();
  }

  /** Offsets as a test sets them; counts the lookups. */
  private static final class FakeKafka implements PartitionOffsets {
    private static final long serialVersionUID = 1L;
    long logStart;
    boolean failing;
    int lookups;
    final Map<Integer, Long> committed = new HashMap<>();

    @Override
    public long logStart(String topic, int partition) throws Exception {
      lookups++;
      if (failing) {
        throw new java.util.concurrent.TimeoutException("Timed out waiting for a node assignment");
      }
      return logStart;
    }

    @Override
    public OptionalLong committed(String group, String topic, int partition) {
      Long c = committed.get(partition);
      return c == null ? OptionalLong.empty() : OptionalLong.of(c);
    }
  }
}
