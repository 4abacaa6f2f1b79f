package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.alert.AlertRules;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.interval.Thresholds;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The live view keeps one event-time timer per queue at the earliest input held (besides the next
 * step's), not one per input; when any fires it takes every moment the edge has passed. What it
 * writes must be what a timer per moment wrote: the same rows and alerts whether the watermark
 * passes the held inputs one second at a time or in one jump, and after a restore from a checkpoint
 * taken while inputs were held. Out-of-orderness bound 30 s, as the sources'.
 */
class QueueMonitorTimersTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot>
      harness(OperatorSubtaskState restoreFrom) throws Exception {
    PipelineConfig config = PipelineConfig.defaults();
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new QueueMonitor(
                    LiveTiming.eventTimeOnly(BOUND),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(15),
                    Thresholds.from(config),
                    AlertRules.from(config),
                    QueueHealthStage.everyStep(config))),
            QueueSignal::key,
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

  /** The sources' watermark once every partition has shown an event at {@code at}. */
  private static Watermark shown(long at) {
    return new Watermark(at - BOUND.toMillis() - 1);
  }

  private static StreamRecord<QueueSignal> agent(String agent, String time, AgentStatus status) {
    return record(QueueSignal.agent("acme", "billing", agent, status, at(time)));
  }

  private static StreamRecord<QueueSignal> queued(String contact, String time) {
    return record(QueueSignal.waitStarted(contact(contact), "billing", at(time)));
  }

  private static StreamRecord<QueueSignal> ended(
      String contact, String queuedTime, String time, WaitOutcome outcome) {
    LiveContact c = contact(contact);
    c.waitQueueId = "billing";
    c.waitSince = at(queuedTime);
    return record(QueueSignal.waitEnded(c, outcome, at(time)));
  }

  private static LiveContact contact(String id) {
    LiveContact c = new LiveContact();
    c.tenantId = "acme";
    c.interactionId = id;
    c.channel = Channel.VOICE;
    return c;
  }

  private static StreamRecord<QueueSignal> record(QueueSignal s) {
    return new StreamRecord<>(s, s.at);
  }

  private static final AgentStatus ON_QUEUE = AgentStatus.of(true, false, 0, 1);
  private static final AgentStatus ON_BREAK = AgentStatus.of(false, true, 0, 1);

  /**
   * Up to the checkpoint, out of order: a queue with one agent, a contact answered, one left
   * waiting while the agent goes on a break (no agent available; the wait grows past 2 min).
   */
  private static final List<StreamRecord<QueueSignal>> FIRST =
      List.of(
          queued("c-2", "09:00:12"),
          agent("a", "09:00:00", ON_QUEUE),
          ended("c-1", "09:00:03", "09:00:16", WaitOutcome.ANSWERED),
          queued("c-1", "09:00:03"),
          agent("a", "09:01:00", ON_BREAK),
          queued("c-3", "09:01:25"));

  /** After it: the waiter gives up, b comes and answers c-3 at one moment, a comes back. */
  private static final List<StreamRecord<QueueSignal>> REST =
      List.of(
          ended("c-3", "09:01:25", "09:03:00", WaitOutcome.ANSWERED),
          agent("a", "09:05:00", ON_QUEUE),
          ended("c-2", "09:00:12", "09:02:40", WaitOutcome.ABANDONED),
          agent("b", "09:03:00", ON_QUEUE),
          queued("c-4", "09:20:03"));

  private static final long START = at("08:59:00");
  private static final long CHECKPOINT = at("09:00:30");
  private static final long END = at("09:40:00");

  /** What the harness wrote: every snapshot, then every alert message, in order. */
  private static List<String> written(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot> h) {
    List<String> out = new ArrayList<>();
    for (QueueSnapshot s : h.extractOutputValues()) {
      out.add(Instant.ofEpochMilli(s.at) + " " + Arrays.toString(QueueLive.figures(s)));
    }
    if (h.getSideOutput(QueueMonitor.ALERTS) != null) {
      for (StreamRecord<QueueAlert> a : h.getSideOutput(QueueMonitor.ALERTS)) {
        out.add(a.getValue().alertId + " " + a.getValue());
      }
    }
    return out;
  }

  /** Watermarks from {@code from} to {@code to}, every {@code stepMs} (and at {@code to}). */
  private static void pass(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot> h,
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
    for (var r : FIRST) {
      h.processElement(r);
    }
    pass(h, START, CHECKPOINT, stepMs);
    for (var r : REST) {
      h.processElement(r);
    }
    pass(h, CHECKPOINT, END, stepMs);
    List<String> out = written(h);
    h.close();
    return out;
  }

  @Test
  void oneTimerPerQueueHoldsEveryInputUntilTheEdgePassesIt() throws Exception {
    var h = harness(null);
    h.processWatermark(shown(START));
    for (var r : FIRST) {
      h.processElement(r);
    }
    assertThat(h.numEventTimeTimers())
        .as(
            "6 moments held, nothing applied, no step yet: a timer at 09:00:12 (the first to come)"
                + " and one at 09:00:00 (the earliest)")
        .isEqualTo(2);
    assertThat(h.extractOutputValues()).isEmpty();
    h.processWatermark(shown(CHECKPOINT));
    assertThat(h.numEventTimeTimers())
        .as("the next step (09:00:40) and the earliest input left (09:01:00)")
        .isEqualTo(2);
    h.close();
  }

  @Test
  void theWatermarkInOneJumpWritesWhatItWritesOneSecondAtATime() throws Exception {
    List<String> jump = run(END - START);
    List<String> seconds = run(1_000);

    assertThat(jump).isEqualTo(seconds);
    assertThat(jump)
        .as("the first step judged is the one after the first input")
        .first()
        .asString()
        .startsWith("2026-01-05T09:00:10Z");
    assertThat(jump)
        .anyMatch(s -> s.contains("RAISED NO_AGENT_AVAILABLE"))
        .anyMatch(s -> s.contains("RAISED OLDEST_WAIT"))
        .anyMatch(s -> s.contains("CLEARED OLDEST_WAIT"))
        .anyMatch(s -> s.startsWith("2026-01-05T09:20:10Z"));
  }

  @Test
  void aRunRestoredFromACheckpointTakenWhileInputsWereHeldWritesWhatAnUninterruptedOneWrites()
      throws Exception {
    List<String> uninterrupted = run(END - START);

    var crashed = harness(null);
    crashed.processWatermark(shown(START));
    for (var r : FIRST) {
      crashed.processElement(r);
    }
    crashed.processWatermark(shown(at("09:00:15"))); // 09:00:00 and :03 applied, the rest held
    OperatorSubtaskState checkpoint = crashed.snapshot(1, 1);
    List<String> written = new ArrayList<>(written(crashed));
    crashed.close();

    var restored = harness(checkpoint);
    restored.processWatermark(shown(CHECKPOINT));
    for (var r : REST) {
      restored.processElement(r);
    }
    restored.processWatermark(shown(END));
    List<String> after = written(restored);
    restored.close();

    // Snapshots first, then alerts, in each part: compare them apart.
    assertThat(snapshotsOf(written, after)).isEqualTo(snapshotsOf(uninterrupted));
    assertThat(alertsOf(written, after)).isEqualTo(alertsOf(uninterrupted));
  }

  @SafeVarargs
  private static List<String> snapshotsOf(List<String>... parts) {
    return Arrays.stream(parts).flatMap(p -> p.stream().filter(s -> s.startsWith("2026"))).toList();
  }

  @SafeVarargs
  private static List<String> alertsOf(List<String>... parts) {
    return Arrays.stream(parts)
        .flatMap(p -> p.stream().filter(s -> !s.startsWith("2026")))
        .toList();
  }
}
