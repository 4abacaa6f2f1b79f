package io.ccpulse.pipeline.burnout;

import static io.ccpulse.pipeline.burnout.Inputs.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A savepoint of a release that kept a queue's hour buckets and waiting legs in states of their own
 * restores into the one that keeps one: each leg is stamped as if it had run throughout.
 */
class QueueStatesBeforeTest {
  private static final Duration BASELINE = Duration.ofDays(7);
  private static final Duration LATENESS = Duration.ofMinutes(5);
  private static final long HOUR = 3_600_000;

  /** Stamped before the savepoint: 30 legs from 08:00, two a minute. */
  private static List<BurnoutInput> counted() {
    List<BurnoutInput> legs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      legs.add(Inputs.leg(at("05", "08:00") + i * 30_000L, "c-" + i, 100_000 + i * 10_000, false));
    }
    return legs;
  }

  /** Waiting at the savepoint: legs from 09:50, one withdrawn again. */
  private static List<BurnoutInput> waiting() {
    List<BurnoutInput> legs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      legs.add(Inputs.leg(at("05", "09:50") + i * 45_000L, "w-" + i, 300_000 + i * 7_000, false));
    }
    return legs;
  }

  /** The states the earlier release left: the buckets of what it stamped, the legs waiting. */
  static final class EarlierRelease
      extends KeyedProcessFunction<TenantKey, BurnoutInput, BurnoutInput> {
    private transient QueueStatesBefore states;

    @Override
    public void open(OpenContext openContext) {
      states = new QueueStatesBefore(getRuntimeContext(), BASELINE.toMillis() + HOUR);
    }

    @Override
    public void processElement(BurnoutInput leg, Context ctx, Collector<BurnoutInput> out)
        throws Exception {
      if (leg.interactionId.startsWith("c-")) {
        long hour = Math.floorDiv(leg.at, HOUR) * HOUR;
        long[] bucket = states.hours.get(hour);
        bucket = bucket == null ? new long[2] : bucket;
        bucket[0] += leg.handleMs;
        bucket[1]++;
        states.hours.put(hour, bucket);
        return;
      }
      BurnoutInput[] at = states.pending.get(leg.at);
      List<BurnoutInput> list = new ArrayList<>(at == null ? List.of() : Arrays.asList(at));
      list.add(leg);
      states.pending.put(leg.at, list.toArray(BurnoutInput[]::new));
      ctx.timerService().registerEventTimeTimer(leg.at + LATENESS.toMillis());
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<TenantKey, BurnoutInput, BurnoutInput>
      harness(KeyedProcessFunction<TenantKey, BurnoutInput, BurnoutInput> f) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(f), BurnoutInput::queueKey, TypeInformation.of(TenantKey.class));
  }

  private static List<String> stamps(List<BurnoutInput> out) {
    return out.stream()
        .filter(l -> l.interactionId.startsWith("w-"))
        .map(l -> l.interactionId + "=" + l.queueUsualMs)
        .toList();
  }

  @Test
  void aQueueKeptInTheEarlierStatesStampsItsLegsAsIfNothingHadChanged() throws Exception {
    OperatorSubtaskState savepoint;
    try (var earlier = harness(new EarlierRelease())) {
      earlier.open();
      for (BurnoutInput leg : counted()) {
        earlier.processElement(new StreamRecord<>(leg, leg.at));
      }
      for (BurnoutInput leg : waiting()) {
        earlier.processElement(new StreamRecord<>(leg, leg.at));
      }
      savepoint = earlier.snapshot(1, 1);
    }
    BurnoutInput late = Inputs.leg(at("05", "09:52"), "w-late", 2_000_000, false);

    List<String> restored;
    try (var now = harness(new QueueUsualHandle(BASELINE, LATENESS))) {
      now.initializeState(savepoint);
      now.open();
      now.processElement(new StreamRecord<>(late, late.at));
      now.processWatermark(new Watermark(at("05", "11:00")));
      restored = stamps(now.extractOutputValues());
      assertThat(now.numKeyedStateEntries()).as("the one state: the old ones cleared").isOne();
    }

    List<String> throughout;
    try (var h = harness(new QueueUsualHandle(BASELINE, LATENESS))) {
      h.open();
      for (BurnoutInput leg : counted()) {
        h.processElement(new StreamRecord<>(leg, leg.at));
      }
      h.processWatermark(new Watermark(at("05", "09:30")));
      for (BurnoutInput leg : waiting()) {
        h.processElement(new StreamRecord<>(leg, leg.at));
      }
      h.processElement(new StreamRecord<>(late, late.at));
      h.processWatermark(new Watermark(at("05", "11:00")));
      throughout = stamps(h.extractOutputValues());
    }
    assertThat(restored).hasSize(9).isEqualTo(throughout).anyMatch(s -> !s.endsWith("=0"));
  }
}
