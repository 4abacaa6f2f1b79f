package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Agents' availability at the live edge: one event-time timer per agent at the earliest input held
 * (besides the silence's), inputs and silences in event-time order, an input at the silence's very
 * moment first (it moves the silence). The same queue signals whether the watermark passes the held
 * inputs one second at a time or in one jump, or after a restore from a checkpoint taken while
 * inputs were held. Out-of-orderness bound 30 s, as the sources'; silence 5 min.
 */
class AgentAvailabilityTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentSignal, QueueSignal>
      harness(OperatorSubtaskState restoreFrom) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new AgentAvailability(LiveTiming.eventTimeOnly(BOUND), Duration.ofMinutes(5))),
            AgentSignal::key,
            TypeInformation.of(TenantKey.class));
    if (restoreFrom != null) {
      harness.initializeState(restoreFrom);
    }
    harness.open();
    return harness;
  }

  private static long at(String hhmmss) {
    return Instant.parse("2026-01-05T" + hhmmss + "Z").toEpochMilli();
  }

  private static Watermark shown(long at) {
    return new Watermark(at - BOUND.toMillis() - 1);
  }

  private static StreamRecord<AgentSignal> state(String agent, String time, AgentState state) {
    AgentSignal s = new AgentSignal();
    s.tenantId = "acme";
    s.agentId = agent;
    s.at = at(time);
    s.knownAt = s.at;
    s.state = state;
    s.queueIds = new String[] {"billing"};
    s.capacity = 1;
    return new StreamRecord<>(s, s.at);
  }

  private static StreamRecord<AgentSignal> contact(
      String agent, String contact, int delta, String time) {
    AgentSignal s = AgentSignal.contact("acme", agent, contact, delta, at(time));
    return new StreamRecord<>(s, s.at);
  }

  /**
   * Up to the checkpoint: x logs in, answers a contact; y logs in (its first state of the moment
   * names no queues: the login does). Held. After it: x wraps up and falls silent (forgotten at
   * 09:08), comes back at 09:10 and falls silent again; y changes state at 09:05:00, the moment its
   * silence was due, so it is not forgotten then.
   */
  private static final List<StreamRecord<AgentSignal>> FIRST =
      List.of(
          state("x", "08:59:40", AgentState.LOGGED_IN),
          state("y", "09:00:00", AgentState.AVAILABLE),
          state("x", "09:00:00", AgentState.AVAILABLE),
          contact("x", "c-1", +1, "09:01:00"),
          state("y", "09:00:00", AgentState.LOGGED_IN));

  private static final List<StreamRecord<AgentSignal>> REST =
      List.of(
          state("y", "09:05:00", AgentState.BREAK),
          state("x", "09:10:00", AgentState.LOGGED_IN),
          contact("x", "c-1", -1, "09:03:00"));

  private static final long START = at("08:59:00");
  private static final long CHECKPOINT = at("09:02:00");
  private static final long END = at("09:30:00");

  private static List<String> written(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentSignal, QueueSignal> h) {
    return h.extractOutputValues().stream().map(QueueSignal::toString).toList();
  }

  private static void pass(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentSignal, QueueSignal> h,
      long from,
      long to,
      long stepMs)
      throws Exception {
    for (long t = from + stepMs; t < to; t += stepMs) {
      h.processWatermark(shown(t));
    }
    h.processWatermark(shown(to));
  }

  private static List<String> run(long stepMs) throws Exception {
    var h = harness(null);
    h.processWatermark(shown(START));
    FIRST.forEach(r -> process(h, r));
    pass(h, START, CHECKPOINT, stepMs);
    REST.forEach(r -> process(h, r));
    pass(h, CHECKPOINT, END, stepMs);
    List<String> out = written(h);
    h.close();
    return out;
  }

  private static void process(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentSignal, QueueSignal> h,
      StreamRecord<AgentSignal> r) {
    try {
      h.processElement(r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** x's signals, or y's, in the order written (the agents' keys interleave as timers fire). */
  private static List<String> of(String agent, List<String> written) {
    return written.stream().filter(s -> s.contains(" " + agent + "=")).toList();
  }

  @Test
  void heldInputsShareOneTimerPerAgent() throws Exception {
    var h = harness(null);
    h.processWatermark(shown(START));
    FIRST.forEach(r -> process(h, r));
    assertThat(h.numEventTimeTimers())
        .as("one per agent, at its earliest input held (x: 3 moments, y: 1), not one per moment")
        .isEqualTo(2);
    h.close();
  }

  @Test
  void theWatermarkInOneJumpWritesWhatItWritesOneSecondAtATime() throws Exception {
    List<String> jump = run(END - START);
    List<String> seconds = run(1_000);

    for (String agent : List.of("x", "y")) {
      assertThat(of(agent, jump)).as(agent).isEqualTo(of(agent, seconds));
    }
    assertThat(of("x", jump))
        .as("x told when it comes, takes c-1, wraps up, is forgotten, comes back, is forgotten")
        .extracting(s -> s.substring(s.indexOf('@') + 1, s.indexOf(' ', s.indexOf('@'))))
        .containsExactly(
            "" + at("08:59:40"),
            "" + at("09:00:00"),
            "" + at("09:01:00"),
            "" + at("09:03:00"),
            "" + at("09:08:00"),
            "" + at("09:10:00"),
            "" + at("09:15:00"));
    assertThat(of("y", jump))
        .as("y's break at 09:05:00 comes before the silence due then: forgotten at 09:10 only")
        .hasSize(3)
        .last()
        .asString()
        .contains("@" + at("09:10:00"))
        .endsWith("y=null)");
  }

  @Test
  void aRunRestoredFromACheckpointTakenWhileInputsWereHeldWritesWhatAnUninterruptedOneWrites()
      throws Exception {
    List<String> uninterrupted = run(END - START);

    var crashed = harness(null);
    crashed.processWatermark(shown(START));
    FIRST.forEach(r -> process(crashed, r));
    crashed.processWatermark(shown(at("09:00:30"))); // 09:00:00 applied, 09:01:00 held
    OperatorSubtaskState checkpoint = crashed.snapshot(1, 1);
    List<String> written = new ArrayList<>(written(crashed));
    crashed.close();

    var restored = harness(checkpoint);
    restored.processWatermark(shown(CHECKPOINT));
    REST.forEach(r -> process(restored, r));
    restored.processWatermark(shown(END));
    written.addAll(written(restored));
    restored.close();

    for (String agent : List.of("x", "y")) {
      assertThat(of(agent, written)).as(agent).isEqualTo(of(agent, uninterrupted));
    }
  }
}
