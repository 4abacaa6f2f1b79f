package io.ccpulse.pipeline.burnout;

import static io.ccpulse.pipeline.burnout.Inputs.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.pipeline.config.PipelineConfig;
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
 * A savepoint of a release that kept an agent's shift, next boundary and waiting inputs in states
 * of their own restores into the assessor that keeps one: the same rows as if it had run
 * throughout.
 */
class ShiftStatesBeforeTest {
  private static final BurnoutSettings SETTINGS = BurnoutSettings.from(PipelineConfig.defaults());
  private static final Duration LATENESS = Duration.ofMinutes(5);

  private static final long START = at("05", "08:00");
  private static final List<BurnoutInput> LOGIN =
      List.of(
          Inputs.presence(START, AgentState.LOGGED_IN),
          Inputs.presence(START, AgentState.AVAILABLE));

  /** Calls every 10 minutes until noon, then the logout. */
  private static List<BurnoutInput> rest() {
    List<BurnoutInput> inputs = new ArrayList<>();
    for (long t = START + 600_000; t < at("05", "12:00"); t += 600_000) {
      inputs.add(Inputs.opened(t, "i-" + t));
      inputs.add(Inputs.leg(t + 240_000, "i-" + t, 240_000, false));
    }
    inputs.add(Inputs.presence(at("05", "12:00"), AgentState.LOGGED_OUT));
    return inputs;
  }

  /**
   * The states as the earlier assessor left them with its clock at 08:00: the login applied (the
   * shift, its next boundary with a timer), every later input waiting with a timer at its instant.
   */
  static final class EarlierRelease
      extends KeyedProcessFunction<TenantKey, BurnoutInput, BurnoutRow> {
    private transient ShiftStatesBefore states;
    private transient ShiftTracker tracker;

    @Override
    public void open(OpenContext openContext) {
      states = new ShiftStatesBefore(getRuntimeContext());
      tracker = new ShiftTracker(SETTINGS);
    }

    @Override
    public void processElement(BurnoutInput in, Context ctx, Collector<BurnoutRow> out)
        throws Exception {
      long lateness = LATENESS.toMillis();
      if (in.at == START) { // applied, as the earlier apply() did
        ShiftState s = states.shift.value();
        if (s == null) {
          s = tracker.start(in.tenantId, in.agentId, in.at);
        }
        tracker.advance(s, in.at);
        s.lastInputAt = in.at;
        tracker.presence(s, in.state, in.at);
        states.shift.update(s);
        long next = (Math.floorDiv(s.accountedTo, SETTINGS.intervalMs) + 1) * SETTINGS.intervalMs;
        states.tick.update(next);
        ctx.timerService().registerEventTimeTimer(next + lateness);
        return;
      }
      BurnoutInput[] waiting = states.pending.get(in.at);
      List<BurnoutInput> list =
          new ArrayList<>(waiting == null ? List.of() : Arrays.asList(waiting));
      list.add(in);
      states.pending.put(in.at, list.toArray(BurnoutInput[]::new));
      ctx.timerService().registerEventTimeTimer(in.at + lateness);
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<TenantKey, BurnoutInput, BurnoutRow>
      harness(KeyedProcessFunction<TenantKey, BurnoutInput, BurnoutRow> f) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(f), BurnoutInput::key, TypeInformation.of(TenantKey.class));
  }

  private static BurnoutAssessor assessor() {
    return new BurnoutAssessor(SETTINGS, LATENESS, Duration.ofDays(1));
  }

  private static List<String> rows(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, BurnoutInput, BurnoutRow> h) {
    return h.extractOutputValues().stream()
        .map(
            r ->
                r.intervalStart
                    + " "
                    + r.assessedAt
                    + " "
                    + r.score
                    + " "
                    + r.contacts
                    + " "
                    + r.factors)
        .toList();
  }

  @Test
  void anAgentKeptInTheEarlierStatesGoesOnAsIfNothingHadChanged() throws Exception {
    OperatorSubtaskState savepoint;
    try (var earlier = harness(new EarlierRelease())) {
      earlier.open();
      for (BurnoutInput in : LOGIN) {
        earlier.processElement(new StreamRecord<>(in, in.at));
      }
      for (BurnoutInput in : rest()) {
        earlier.processElement(new StreamRecord<>(in, in.at));
      }
      savepoint = earlier.snapshot(1, 1);
    }

    List<String> restored;
    try (var now = harness(assessor())) {
      now.initializeState(savepoint);
      now.open();
      now.processWatermark(new Watermark(at("05", "13:00")));
      restored = rows(now);
      assertThat(now.numKeyedStateEntries())
          .as("the baseline day alone: the earlier states are cleared")
          .isEqualTo(1);
    }

    List<String> throughout;
    try (var h = harness(assessor())) {
      h.open();
      for (BurnoutInput in : LOGIN) {
        h.processElement(new StreamRecord<>(in, in.at));
      }
      h.processWatermark(new Watermark(START + LATENESS.toMillis())); // the clock at 08:00
      for (BurnoutInput in : rest()) {
        h.processElement(new StreamRecord<>(in, in.at));
      }
      h.processWatermark(new Watermark(at("05", "13:00")));
      throughout = rows(h);
    }
    assertThat(restored).hasSize(16).isEqualTo(throughout);
  }
}
