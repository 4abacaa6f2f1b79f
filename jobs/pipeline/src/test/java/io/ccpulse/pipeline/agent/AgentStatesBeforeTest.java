package io.ccpulse.pipeline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.time.Instant;
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
 * A savepoint of a release that kept an agent's clock, held inputs, first held moment and next
 * boundary in states of their own restores into agent time that keeps one: the same rows as if it
 * had run throughout.
 */
class AgentStatesBeforeTest {
  private static final Duration LATENESS = Duration.ofMinutes(5);
  private static final long[] SIZES = {Duration.ofMinutes(15).toMillis()};

  private static long at(String hhmm) {
    return Instant.parse("2026-01-05T" + hhmm + ":00Z").toEpochMilli();
  }

  private static final long START = at("08:00");

  private static AgentInput presence(long at, AgentState state) {
    AgentInput in = new AgentInput();
    in.tenantId = "acme";
    in.agentId = "a-1";
    in.at = at;
    in.state = state;
    return in;
  }

  private static AgentInput leg(long at, int delta) {
    AgentInput in = presence(at, null);
    in.legDelta = delta;
    return in;
  }

  /** A login at 08:00, then legs every 10 minutes until noon, a break and the logout. */
  private static List<AgentInput> rest() {
    List<AgentInput> inputs = new ArrayList<>();
    for (long t = START + 600_000; t < at("12:00"); t += 600_000) {
      inputs.add(leg(t, +1));
      inputs.add(leg(t + 240_000, -1));
    }
    inputs.add(presence(at("10:05"), AgentState.BREAK));
    inputs.add(presence(at("10:20"), AgentState.AVAILABLE));
    inputs.add(presence(at("12:00"), AgentState.LOGGED_OUT));
    return inputs;
  }

  /**
   * The states as the earlier agent time left them with its clock at 08:00: the login applied (the
   * clock, its next boundary with a timer), every later input held by moment with a timer at the
   * first.
   */
  static final class EarlierRelease extends KeyedProcessFunction<TenantKey, AgentInput, Object> {
    private transient AgentStatesBefore states;
    private transient AgentClock clock;

    @Override
    public void open(OpenContext openContext) {
      states = new AgentStatesBefore(getRuntimeContext());
      clock = new AgentClock(SIZES);
    }

    @Override
    public void processElement(AgentInput in, Context ctx, Collector<Object> out) throws Exception {
      long lateness = LATENESS.toMillis();
      if (in.at == START) { // applied, as the earlier apply() did
        AgentClockState s = clock.start(in.tenantId, in.agentId, in.at);
        clock.advance(s, in.at);
        s.lastInputAt = in.at;
        AgentClock.presence(s, in.state);
        states.agent.update(s);
        long next = clock.nextBoundary(s);
        states.tick.update(next);
        ctx.timerService().registerEventTimeTimer(next + lateness);
        return;
      }
      AgentInput[] held = states.pending.get(in.at);
      List<AgentInput> list = new ArrayList<>(held == null ? List.of() : Arrays.asList(held));
      list.add(in);
      states.pending.put(in.at, list.toArray(AgentInput[]::new));
      Long from = states.pendingFrom.value();
      if (from == null || in.at < from) {
        states.pendingFrom.update(in.at);
        ctx.timerService().registerEventTimeTimer(in.at + lateness);
      }
    }
  }

  private static <O> KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentInput, O> harness(
      KeyedProcessFunction<TenantKey, AgentInput, O> f) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(f), AgentInput::key, TypeInformation.of(TenantKey.class));
  }

  private static AgentTimeline agentTime() {
    return new AgentTimeline(
        List.of(Duration.ofMinutes(15)), LATENESS, Duration.ofDays(1), Duration.ofHours(12));
  }

  private static List<String> rows(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentInput, AgentTimeRow> h) {
    return h.extractOutputValues().stream()
        .map(
            r ->
                r.intervalStart
                    + " "
                    + r.time.loggedInMs
                    + " "
                    + r.time.availableMs
                    + " "
                    + r.time.busyMs
                    + " "
                    + r.time.availableIdleMs)
        .toList();
  }

  @Test
  void anAgentKeptInTheEarlierStatesGoesOnAsIfNothingHadChanged() throws Exception {
    AgentInput login = presence(START, AgentState.AVAILABLE);
    OperatorSubtaskState savepoint;
    try (var earlier = harness(new EarlierRelease())) {
      earlier.open();
      earlier.processElement(new StreamRecord<>(login, login.at));
      for (AgentInput in : rest()) {
        earlier.processElement(new StreamRecord<>(in, in.at));
      }
      savepoint = earlier.snapshot(1, 1);
    }

    List<String> restored;
    try (var now = harness(agentTime())) {
      now.initializeState(savepoint);
      now.open();
      now.processWatermark(new Watermark(at("13:00")));
      restored = rows(now);
      assertThat(now.numKeyedStateEntries()).as("the earlier states are cleared").isZero();
      assertThat(now.numEventTimeTimers()).isZero();
    }

    List<String> throughout;
    try (var h = harness(agentTime())) {
      h.open();
      h.processElement(new StreamRecord<>(login, login.at));
      h.processWatermark(new Watermark(START + LATENESS.toMillis())); // the clock at 08:00
      for (AgentInput in : rest()) {
        h.processElement(new StreamRecord<>(in, in.at));
      }
      h.processWatermark(new Watermark(at("13:00")));
      throughout = rows(h);
    }
    assertThat(restored).hasSize(16).isEqualTo(throughout);
  }
}
