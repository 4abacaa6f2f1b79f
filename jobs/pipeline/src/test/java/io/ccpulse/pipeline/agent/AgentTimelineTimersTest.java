package io.ccpulse.pipeline.agent;

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
 * Agent time keeps one event-time timer per agent at the earliest input held (besides the next
 * boundary's), not one per input; when any fires it takes every moment its clock has passed. The
 * rows must be what a timer per moment wrote: the same whether the watermark passes the held inputs
 * a minute at a time or in one jump, and after a restore from a checkpoint taken while inputs were
 * held. Allowed lateness 5 min, quarter-hour intervals, a logout taken as lost after 30 silent
 * minutes.
 */
class AgentTimelineTimersTest {
  private static final Duration LATENESS = Duration.ofMinutes(5);

  private static KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentInput, AgentTimeRow>
      harness(OperatorSubtaskState restoreFrom) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new AgentTimeline(
                    List.of(Duration.ofMinutes(15)),
                    LATENESS,
                    Duration.ofDays(1),
                    Duration.ofMinutes(30))),
            AgentInput::key,
            TypeInformation.of(TenantKey.class));
    if (restoreFrom != null) {
      harness.initializeState(restoreFrom);
    }
    harness.open();
    return harness;
  }

  private static long at(String hhmm) {
    return Instant.parse("2026-01-05T" + hhmm + ":00Z").toEpochMilli();
  }

  /** The watermark at which the operator's clock (the lateness behind) reaches {@code at}. */
  private static Watermark clockAt(long at) {
    return new Watermark(at + LATENESS.toMillis());
  }

  private static AgentInput presence(String agent, String hhmm, AgentState state) {
    AgentInput in = new AgentInput();
    in.tenantId = "acme";
    in.agentId = agent;
    in.at = at(hhmm);
    in.state = state;
    return in;
  }

  private static AgentInput leg(String agent, String hhmm, int delta) {
    AgentInput in = new AgentInput();
    in.tenantId = "acme";
    in.agentId = agent;
    in.at = at(hhmm);
    in.legDelta = delta;
    return in;
  }

  /** Up to the checkpoint, each agent's inputs in order. */
  private static final List<AgentInput> FIRST =
      List.of(
          presence("a-1", "08:55", AgentState.LOGGED_IN),
          presence("a-2", "09:03", AgentState.LOGGED_IN),
          presence("a-1", "09:00", AgentState.AVAILABLE),
          leg("a-1", "09:05", +1),
          presence("a-2", "09:07", AgentState.AVAILABLE),
          leg("a-1", "09:12", -1));

  /**
   * After it, out of order; a-1 goes on a break on a boundary, busy across 09:45; a-2 is silent
   * from 09:07, so its logout at 09:50 comes after the 09:45 boundary took it as lost.
   */
  private static final List<AgentInput> REST =
      List.of(
          presence("a-1", "09:35", AgentState.AVAILABLE),
          presence("a-1", "09:15", AgentState.BREAK),
          leg("a-1", "09:52", -1),
          presence("a-2", "09:50", AgentState.LOGGED_OUT),
          leg("a-1", "09:40", +1),
          presence("a-1", "10:00", AgentState.LOGGED_OUT));

  private static final long START = at("08:40");
  private static final long CHECKPOINT = at("09:10");
  private static final long END = at("10:30");

  private static void feed(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentInput, AgentTimeRow> h,
      List<AgentInput> inputs)
      throws Exception {
    for (AgentInput in : inputs) {
      h.processElement(new StreamRecord<>(in, in.at));
    }
  }

  private static void pass(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentInput, AgentTimeRow> h,
      long from,
      long to,
      long stepMs)
      throws Exception {
    for (long t = from + stepMs; t < to; t += stepMs) {
      h.processWatermark(clockAt(t));
    }
    h.processWatermark(clockAt(to));
  }

  private static List<String> run(long stepMs) throws Exception {
    var h = harness(null);
    h.processWatermark(clockAt(START));
    feed(h, FIRST);
    pass(h, START, CHECKPOINT, stepMs);
    feed(h, REST);
    pass(h, CHECKPOINT, END, stepMs);
    List<String> rows = rows(h);
    h.close();
    return rows;
  }

  private static List<String> rows(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentInput, AgentTimeRow> h) {
    return h.extractOutputValues().stream().map(AgentTimeRow::toString).toList();
  }

  /** One agent's rows, in the order written (the agents' keys interleave as timers fire). */
  private static List<String> of(String agent, List<String> rows) {
    return rows.stream().filter(r -> r.startsWith("acme/" + agent + " ")).toList();
  }

  @Test
  void heldInputsShareOneTimerPerAgent() throws Exception {
    var h = harness(null);
    h.processWatermark(clockAt(START));
    feed(h, FIRST);
    assertThat(h.numEventTimeTimers())
        .as("one per agent, at its earliest input held (a-1: 4 moments, a-2: 2), no boundary yet")
        .isEqualTo(2);
    h.close();
  }

  @Test
  void theWatermarkInOneJumpWritesWhatItWritesAMinuteAtATime() throws Exception {
    List<String> jump = run(END - START);
    List<String> minutes = run(60_000);

    for (String agent : List.of("a-1", "a-2")) {
      assertThat(of(agent, jump)).as(agent).isEqualTo(of(agent, minutes));
    }
    assertThat(of("a-1", jump))
        .as("08:45 to 09:45, nothing after the logout")
        .hasSize(5)
        .element(1)
        .isEqualTo(
            "acme/a-1 @"
                + at("09:00")
                + "+900s logged=900000 avail=900000 busy=420000 idle=480000");
    assertThat(of("a-1", jump).get(2)).as("the break on the boundary").contains(" avail=0 ");
    assertThat(of("a-2", jump))
        .as("logged out by the silence at 09:45, before its own logout at 09:50 is applied")
        .hasSize(3)
        .last()
        .asString()
        .startsWith("acme/a-2 @" + at("09:30") + "+900s logged=900000 ");
  }

  @Test
  void aRunRestoredFromACheckpointTakenWhileInputsWereHeldWritesWhatAnUninterruptedOneWrites()
      throws Exception {
    List<String> uninterrupted = run(END - START);

    var crashed = harness(null);
    crashed.processWatermark(clockAt(START));
    feed(crashed, FIRST);
    crashed.processWatermark(clockAt(at("09:04"))); // a-1 to 09:00 applied, 09:05 on held
    OperatorSubtaskState checkpoint = crashed.snapshot(1, 1);
    List<String> written = new ArrayList<>(rows(crashed));
    crashed.close();

    var restored = harness(checkpoint);
    restored.processWatermark(clockAt(CHECKPOINT));
    feed(restored, REST);
    restored.processWatermark(clockAt(END));
    written.addAll(rows(restored));
    restored.close();

    for (String agent : List.of("a-1", "a-2")) {
      assertThat(of(agent, written)).as(agent).isEqualTo(of(agent, uninterrupted));
    }
  }
}
