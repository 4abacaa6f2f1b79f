package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.alert.AlertRule;
import io.ccpulse.pipeline.alert.AlertRules;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.interval.Thresholds;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue's live view and its alerts, driven by hand: signals as the earlier stages send them,
 * watermarks placed explicitly. Out-of-orderness bound 0 here, so the live edge is the watermark +
 * 1 ms.
 */
class QueueMonitorTest {
  private KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot> harness;

  @BeforeEach
  void setUp() throws Exception {
    open(Map.of());
  }

  private void open(Map<String, String> overrides) throws Exception {
    open(overrides, null);
  }

  /** A fresh operator, restored from {@code state} (a checkpoint) if given. */
  private void open(Map<String, String> overrides, OperatorSubtaskState state) throws Exception {
    if (harness != null) {
      harness.close();
    }
    PipelineConfig config = PipelineConfig.defaults().with(overrides);
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new QueueMonitor(
                    LiveTiming.eventTimeOnly(Duration.ZERO),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(15),
                    Thresholds.from(config),
                    AlertRules.from(config),
                    QueueHealthStage.everyStep(config))),
            QueueSignal::key,
            TypeInformation.of(TenantKey.class));
    if (state != null) {
      harness.initializeState(state);
    }
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  static long at(String hhmmss) {
    return Instant.parse("2026-01-05T" + (hhmmss.length() == 5 ? hhmmss + ":00" : hhmmss) + "Z")
        .toEpochMilli();
  }

  private void signal(QueueSignal s) throws Exception {
    harness.processElement(new StreamRecord<>(s, s.at));
  }

  private void queued(String contact, String time) throws Exception {
    LiveContact c = contact(contact);
    signal(QueueSignal.waitStarted(c, "billing", at(time)));
  }

  private void ended(String contact, String queuedTime, String time, WaitOutcome outcome)
      throws Exception {
    LiveContact c = contact(contact);
    c.waitQueueId = "billing";
    c.waitSince = at(queuedTime);
    signal(QueueSignal.waitEnded(c, outcome, at(time)));
  }

  private static LiveContact contact(String id) {
    LiveContact c = new LiveContact();
    c.tenantId = "acme";
    c.interactionId = id;
    c.channel = Channel.VOICE;
    return c;
  }

  private void agent(String agent, String time, AgentStatus status) throws Exception {
    signal(QueueSignal.agent("acme", "billing", agent, status, at(time)));
  }

  private static AgentStatus onQueue(int open) {
    return AgentStatus.of(true, false, open, 1);
  }

  private static AgentStatus onBreak() {
    return AgentStatus.of(false, true, 0, 1);
  }

  private void watermark(String time) throws Exception {
    harness.processWatermark(new Watermark(at(time)));
  }

  /**
   * The snapshot in force at {@code time}: the latest at or before it, as a reader of the
   * change-only series takes it (docs/queue-health.md). Its moment must be a step no later than
   * {@code time}.
   */
  private QueueSnapshot snapshot(String time) {
    return snapshots().stream()
        .filter(s -> s.at <= at(time))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no snapshot by " + time + " in " + snapshots()));
  }

  private List<QueueSnapshot> snapshots() {
    return harness.extractOutputValues();
  }

  private List<QueueAlert> alerts() {
    return harness.getSideOutput(QueueMonitor.ALERTS) == null
        ? List.of()
        : harness.getSideOutput(QueueMonitor.ALERTS).stream().map(StreamRecord::getValue).toList();
  }

  private void callback(String contact, String requested, String dialed) throws Exception {
    LiveContact c = contact(contact);
    signal(QueueSignal.callbackPending(c, "billing", at(requested)));
    if (dialed != null) {
      c.callbackQueueId = "billing";
      c.callbackSince = at(requested);
      signal(QueueSignal.callbackTaken(c, at(dialed)));
    }
  }

  /**
   * Callbacks pending and the oldest one's age, by hand: c-1 requested at 09:00:05 and dialed at
   * 09:00:35, c-2 requested at 09:00:15 and still pending.
   */
  @Test
  void countsTheCallbacksPendingAndTheAgeOfTheOldest() throws Exception {
    open(Map.of("queue-health.snapshots", "every-step"));
    agent("a-1", "09:00", onQueue(1));
    ended("c-1", "09:00:00", "09:00:05", WaitOutcome.CALLBACK);
    callback("c-1", "09:00:05", null);
    callback("c-2", "09:00:15", null);
    callback("c-1", "09:00:05", "09:00:35");
    watermark("09:00:50");

    assertThat(snapshot("09:00:10").callbacksPending).isEqualTo(1);
    assertThat(snapshot("09:00:10").oldestCallbackMs()).isEqualTo(5_000L);
    assertThat(snapshot("09:00:30").callbacksPending).isEqualTo(2);
    assertThat(snapshot("09:00:30").oldestCallbackMs()).isEqualTo(25_000L); // c-1's
    assertThat(snapshot("09:00:40").callbacksPending).isEqualTo(1);
    assertThat(snapshot("09:00:40").oldestCallbackMs()).isEqualTo(25_000L); // c-2's
    // The request ended a wait: offered, neither answered nor abandoned.
    assertThat(snapshot("09:00:40").offered).isEqualTo(1);
    assertThat(snapshot("09:00:40").answered).isZero();
    assertThat(snapshot("09:00:40").abandoned).isZero();
  }

  @Test
  void anIdleQueuesOldestWaitKeepsGrowingOnTimersAlone() throws Exception {
    open(Map.of("queue-health.snapshots", "every-step"));
    agent("a-1", "09:00", onQueue(1));
    queued("c-1", "09:00:05");
    watermark("09:00:40"); // no more events for this queue; only the watermark moves

    assertThat(snapshots())
        .extracting(s -> s.at)
        .containsExactly(at("09:00:10"), at("09:00:20"), at("09:00:30"), at("09:00:40"));
    assertThat(snapshots())
        .extracting(QueueSnapshot::oldestWaitMs)
        .containsExactly(5_000L, 15_000L, 25_000L, 35_000L);
    assertThat(snapshot("09:00:40").waiting).isEqualTo(1);
  }

  @Test
  void onChangeASnapshotComesOnlyWhereAFigureChangedWhileTheRulesAreJudgedAtEveryStep()
      throws Exception {
    agent("a-1", "09:00", onQueue(1)); // on queue, busy
    queued("c-1", "09:00:05");
    watermark("09:01:00");
    assertThat(snapshots())
        .as("the wait grows, nothing else changes: its start is in the first snapshot")
        .extracting(s -> s.at)
        .containsExactly(at("09:00:10"));
    assertThat(snapshot("09:00:10").oldestWaitSince).isEqualTo(at("09:00:05"));

    watermark("09:02:20");
    assertThat(alerts()).as("judged at a step without a snapshot").hasSize(1);
    assertThat(alerts().get(0).raisedAt).isEqualTo(at("09:02:05") + 1);
    assertThat(snapshots())
        .as("the raise changed open_alerts")
        .extracting(s -> s.at)
        .containsExactly(at("09:00:10"), at("09:02:10"));
    assertThat(snapshot("09:02:10").openAlerts).isEqualTo(1);
    assertThat(snapshot("09:02:10").oldestWaitMs()).isEqualTo(125_000L);

    queued("c-2", "09:02:25");
    ended("c-1", "09:00:05", "09:02:26", WaitOutcome.ANSWERED);
    watermark("09:02:40");
    QueueSnapshot moved = snapshot("09:02:30");
    assertThat(moved.at).isEqualTo(at("09:02:30"));
    assertThat(moved.waiting).isEqualTo(1);
    assertThat(moved.oldestWaitSince)
        .as("as many waiting, but another contact: the oldest wait's start changed")
        .isEqualTo(at("09:02:25"));
    assertThat(moved.answered).isEqualTo(1);
    assertThat(snapshots()).hasSize(3);
  }

  @Test
  void countsAgentsThroughTheirStateChanges() throws Exception {
    agent("a-1", "09:00:01", onQueue(0));
    agent("a-2", "09:00:02", onQueue(0));
    agent("a-3", "09:00:03", AgentStatus.of(false, false, 0, 1)); // logged in, not ready
    agent("a-4", "09:00:04", AgentStatus.of(true, false, 1, 3)); // chat: one of three open
    watermark("09:00:10");
    agent("a-1", "09:00:11", onQueue(1));
    agent("a-2", "09:00:12", onBreak());
    agent("a-3", "09:00:13", null); // logged out: gone from the queue
    watermark("09:00:20");

    QueueSnapshot first = snapshot("09:00:10");
    assertThat(first.agentsLoggedIn).isEqualTo(4);
    assertThat(first.agentsOnQueue).isEqualTo(3);
    assertThat(first.agentsAvailable).isEqualTo(3);
    assertThat(first.agentsOnContact).isEqualTo(1);
    assertThat(first.agentsOnBreak).isZero();
    QueueSnapshot second = snapshot("09:00:20");
    assertThat(second.agentsLoggedIn).isEqualTo(3);
    assertThat(second.agentsOnQueue).isEqualTo(2);
    assertThat(second.agentsAvailable).as("a-4 still has room for two chats").isEqualTo(1);
    assertThat(second.agentsOnContact).isEqualTo(2);
    assertThat(second.agentsOnBreak).isEqualTo(1);
  }

  @Test
  void signalsAheadOfTheLiveEdgeWaitForIt() throws Exception {
    watermark("09:00");
    queued(
        "c-1", "09:00:30"); // ahead of the edge: held (applied at once, nobody would be on queue)
    agent("a-1", "09:00:20", onQueue(0)); // the agent became available before the contact arrived
    watermark("09:00:25");
    assertThat(alerts()).isEmpty();
    watermark("09:00:35");
    assertThat(alerts()).as("an agent was on queue when the contact arrived").isEmpty();
    assertThat(snapshot("09:00:30").agentsOnQueue).isEqualTo(1);
    assertThat(snapshot("09:00:30").waiting)
        .as("a snapshot counts what happened up to its moment")
        .isEqualTo(1);
  }

  @Test
  void heldSignalsShareOneTimerAndAreAppliedInEventTimeOrderAroundTheSteps() throws Exception {
    open(Map.of("queue-health.snapshots", "every-step"));
    watermark("09:00");
    agent("a-1", "09:00", onQueue(0)); // due at once: the step at 09:00:10 is scheduled
    // Held across two steps, the later ones out of order; c-1's wait ends before the 09:00:20 step.
    queued("c-1", "09:00:03");
    ended("c-1", "09:00:03", "09:00:16", WaitOutcome.ANSWERED);
    queued("c-3", "09:00:25");
    queued("c-2", "09:00:12");
    assertThat(harness.numEventTimeTimers())
        .as("the next step's timer and one at the earliest signal held, not one per signal")
        .isEqualTo(2);

    watermark("09:00:30"); // the edge passes every signal and two steps in one go

    assertThat(snapshots())
        .extracting(s -> s.at)
        .containsExactly(at("09:00:10"), at("09:00:20"), at("09:00:30"));
    assertThat(snapshot("09:00:10").waiting).isEqualTo(1); // c-1 only
    assertThat(snapshot("09:00:20").waiting).isEqualTo(1); // c-2: c-1 was answered at 09:00:16
    assertThat(snapshot("09:00:30").waiting).isEqualTo(2); // c-2, c-3
    assertThat(snapshot("09:00:30").oldestWaitMs()).isEqualTo(18_000L);
    assertThat(harness.numEventTimeTimers()).as("the next step only").isEqualTo(1);
  }

  @Test
  void oldestWaitRaisesWhenTheLimitIsPassedAndClearsAfterTheWaitEndsAndStaysShort()
      throws Exception {
    agent("a-1", "09:00", onQueue(1));
    queued("c-1", "09:00:05");
    watermark("09:02:20");
    assertThat(alerts()).hasSize(1);
    QueueAlert raised = alerts().get(0);
    assertThat(raised.rule).isEqualTo(AlertRule.OLDEST_WAIT);
    assertThat(raised.status).isEqualTo(QueueAlert.Status.RAISED);
    assertThat(raised.raisedAt)
        .as("the instant the wait passed 2 min")
        .isEqualTo(at("09:02:05") + 1);
    assertThat(raised.threshold).isEqualTo(120.0);
    assertThat(raised.severity).isEqualTo("CRITICAL");

    ended("c-1", "09:00:05", "09:02:30", WaitOutcome.ANSWERED);
    watermark("09:05:20");
    assertThat(alerts()).as("recovered 2 min 50 s: not yet").hasSize(1);
    watermark("09:05:40");
    assertThat(alerts()).hasSize(2);
    QueueAlert cleared = alerts().get(1);
    assertThat(cleared.status).isEqualTo(QueueAlert.Status.CLEARED);
    assertThat(cleared.alertId).isEqualTo(raised.alertId);
    assertThat(cleared.clearedAt)
        .as("three minutes after the wait ended")
        .isEqualTo(at("09:05:30"));
    assertThat(cleared.raisedAt).isEqualTo(raised.raisedAt);
  }

  @Test
  void aWaitHoveringAtTheLimitRaisesOnceAndNeverFlaps() throws Exception {
    agent("a-1", "08:59", onQueue(1));
    // Contacts queue 20 s apart, each answered after 115–125 s: the oldest wait hovers at 2 min.
    for (int i = 0; i < 30; i++) {
      long queued = at("09:00") + i * 20_000L;
      long answered = queued + (i % 2 == 0 ? 125_000 : 115_000);
      LiveContact c = contact("c-" + i);
      signal(QueueSignal.waitStarted(c, "billing", queued));
      c.waitQueueId = "billing";
      c.waitSince = queued;
      signal(QueueSignal.waitEnded(c, WaitOutcome.ANSWERED, answered));
    }
    watermark("09:12");
    assertThat(alerts()).extracting(a -> a.status).containsExactly(QueueAlert.Status.RAISED);
  }

  @Test
  void contactsWaitingWithNobodyOnQueueRaiseAtOnceAndClearAMinuteAfterSomeoneIsBack()
      throws Exception {
    agent("a-1", "09:00", onQueue(0));
    agent("a-2", "09:00", onQueue(1));
    queued("c-1", "09:01");
    agent("a-1", "09:01:10", onBreak());
    watermark("09:01:15");
    assertThat(alerts()).as("a-2 is busy but on queue").isEmpty();
    agent("a-2", "09:01:20", AgentStatus.of(false, false, 1, 1)); // finishing, then not ready
    watermark("09:01:25");
    assertThat(alerts()).hasSize(1);
    assertThat(alerts().get(0).rule).isEqualTo(AlertRule.NO_AGENT_AVAILABLE);
    assertThat(alerts().get(0).raisedAt).isEqualTo(at("09:01:20"));
    assertThat(alerts().get(0).value).isEqualTo(1.0);

    agent("a-1", "09:02", onQueue(0)); // back from the break
    agent("a-1", "09:02:30", onBreak()); // gone again after 30 s: not a recovery yet
    agent("a-1", "09:02:40", onQueue(0));
    watermark("09:03:30");
    assertThat(noAgent()).hasSize(1);
    watermark("09:03:40");
    assertThat(noAgent()).hasSize(2);
    assertThat(noAgent().get(1).status).isEqualTo(QueueAlert.Status.CLEARED);
    assertThat(noAgent().get(1).clearedAt).isEqualTo(at("09:03:40"));
    assertThat(alerts())
        .as("c-1 has waited over 2 min by now")
        .anyMatch(a -> a.rule == AlertRule.OLDEST_WAIT);
  }

  @Test
  void nobodyOnQueueDoesNotClearWhenTheWaitingCustomersGiveUp() throws Exception {
    agent("a-1", "09:00", onBreak());
    queued("c-1", "09:01");
    ended("c-1", "09:01", "09:01:40", WaitOutcome.ABANDONED);
    watermark("09:10");
    assertThat(noAgent()).extracting(a -> a.status).containsExactly(QueueAlert.Status.RAISED);
    agent("a-1", "09:10:30", onQueue(0));
    watermark("09:12");
    assertThat(noAgent())
        .extracting(a -> a.status)
        .containsExactly(QueueAlert.Status.RAISED, QueueAlert.Status.CLEARED);
    assertThat(noAgent().get(1).clearedAt).isEqualTo(at("09:11:30"));
  }

  private List<QueueAlert> noAgent() {
    return alerts().stream().filter(a -> a.rule == AlertRule.NO_AGENT_AVAILABLE).toList();
  }

  @Test
  void abandonRateRaisesOnTheAbandonThatPassesItAndClearsWhenTheWindowRecovers() throws Exception {
    agent("a-1", "08:59", onQueue(0));
    // 10 answered quickly, then abandons: the 15 % line is passed by the second abandon (2/12 =
    // 16.7 %).
    for (int i = 0; i < 10; i++) {
      String t = String.format("09:%02d:00", i);
      queued("c-" + i, t);
      ended("c-" + i, t, String.format("09:%02d:10", i), WaitOutcome.ANSWERED);
    }
    queued("x-1", "09:10");
    ended("x-1", "09:10", "09:11", WaitOutcome.ABANDONED);
    queued("x-2", "09:10:30");
    ended("x-2", "09:10:30", "09:11:30", WaitOutcome.ABANDONED);
    queued("x-3", "09:10:40");
    ended(
        "x-3", "09:10:40", "09:10:42", WaitOutcome.ABANDONED); // a short abandon: out of the rates
    watermark("09:12");
    List<QueueAlert> raised =
        alerts().stream().filter(a -> a.rule == AlertRule.ABANDON_RATE).toList();
    assertThat(raised).hasSize(1);
    assertThat(raised.get(0).raisedAt).isEqualTo(at("09:11:30"));
    assertThat(raised.get(0).value).isEqualTo(2.0 / 12);
    assertThat(snapshot("09:12:00").shortAbandoned).isEqualTo(1);
    assertThat(snapshot("09:12:00").abandonRate()).isEqualTo(2.0 / 12);

    // The early answers leave the 15-minute window from 09:15:10 on, one a minute: the rate climbs,
    // but at 09:17:10 the base is 9, under min-offered: too little left to judge, which counts as
    // recovered (a queue gone quiet must not keep its alert for ever).
    watermark("09:30");
    List<QueueAlert> abandon =
        alerts().stream().filter(a -> a.rule == AlertRule.ABANDON_RATE).toList();
    assertThat(abandon)
        .extracting(a -> a.status)
        .containsExactly(QueueAlert.Status.RAISED, QueueAlert.Status.CLEARED);
    assertThat(abandon.get(1).clearedAt).isEqualTo(at("09:18:10"));
  }

  @Test
  void serviceLevelRaisesBelowTheThresholdAndOnlyClearsBackAtTheTarget() throws Exception {
    agent("a-1", "08:59", onQueue(0));
    // 10 contacts, 5 answered within 20 s, 5 after 40 s: 50 % < 60 %.
    for (int i = 0; i < 10; i++) {
      String t = String.format("09:00:%02d", i * 5);
      queued("c-" + i, t);
      long wait = i < 5 ? 10_000 : 40_000;
      LiveContact c = contact("c-" + i);
      c.waitQueueId = "billing";
      c.waitSince = at(t);
      signal(QueueSignal.waitEnded(c, WaitOutcome.ANSWERED, at(t) + wait));
    }
    watermark("09:02");
    List<QueueAlert> sl = alerts().stream().filter(a -> a.rule == AlertRule.SERVICE_LEVEL).toList();
    assertThat(sl).hasSize(1);
    assertThat(sl.get(0).value).isEqualTo(0.5);
    // Five quick answers: 10/15 = 67 %, above the 60 % line but short of the 80 % target: still
    // open.
    for (int i = 0; i < 5; i++) {
      String t = String.format("09:03:%02d", i * 5);
      queued("d-" + i, t);
      ended("d-" + i, t, String.format("09:03:%02d", i * 5 + 5), WaitOutcome.ANSWERED);
    }
    watermark("09:06");
    assertThat(alerts().stream().filter(a -> a.rule == AlertRule.SERVICE_LEVEL)).hasSize(1);
    for (int i = 0; i < 10; i++) { // 20/25 = 80 %: back at the target
      String t = String.format("09:06:%02d", i * 5);
      queued("e-" + i, t);
      ended("e-" + i, t, String.format("09:06:%02d", i * 5 + 2), WaitOutcome.ANSWERED);
    }
    watermark("09:09");
    List<QueueAlert> after =
        alerts().stream().filter(a -> a.rule == AlertRule.SERVICE_LEVEL).toList();
    assertThat(after)
        .extracting(a -> a.status)
        .containsExactly(QueueAlert.Status.RAISED, QueueAlert.Status.CLEARED);
    assertThat(after.get(1).clearedAt).isEqualTo(at("09:06:47") + 60_000);
  }

  @Test
  void aQueueWithNothingLeftIsForgotten() throws Exception {
    agent("a-1", "09:00", onQueue(0));
    queued("c-1", "09:00:05");
    ended("c-1", "09:00:05", "09:00:10", WaitOutcome.ANSWERED);
    agent("a-1", "09:01", null);
    watermark("09:20");
    assertThat(harness.numKeyedStateEntries())
        .as("only its alert book, counting raises")
        .isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isZero();
    int rows = snapshots().size();
    watermark("10:00");
    assertThat(snapshots()).hasSize(rows);
  }

  @Test
  void rulesFollowTheQueueOverride() throws Exception {
    open(
        Map.of(
            "alerts.queue.acme/billing.oldest-wait.threshold",
            "30s",
            "alerts.queue.acme/billing.oldest-wait.clear",
            "20s"));
    agent("a-1", "09:00", onQueue(1));
    queued("c-1", "09:00:05");
    watermark("09:00:40");
    assertThat(alerts()).hasSize(1);
    assertThat(alerts().get(0).threshold).isEqualTo(30.0);
  }

  @Test
  void aRaiseReplayedAtAnotherMomentAfterACrashKeepsItsIdAndNoIdIsGivenOutTwice() throws Exception {
    agent("a-1", "09:00", onQueue(1)); // on queue, busy
    queued("c-1", "09:00:05");
    watermark("09:00:10");
    OperatorSubtaskState checkpoint = harness.snapshot(1, at("09:00:10"));
    watermark("09:02:20");
    QueueAlert before = alerts().get(0);
    assertThat(before.raisedAt).isEqualTo(at("09:02:05") + 1);

    // The crash: restored from the checkpoint, the replay differs (c-1 answered, c-2 waits too long
    // later).
    open(Map.of(), checkpoint);
    ended("c-1", "09:00:05", "09:01:00", WaitOutcome.ANSWERED);
    queued("c-2", "09:01:30");
    watermark("09:03:40");
    QueueAlert after = alerts().get(0);
    assertThat(after.raisedAt).as("another moment").isEqualTo(at("09:03:30") + 1);
    assertThat(after.alertId)
        .as("the same raise: the first of its rule on the queue")
        .isEqualTo(before.alertId);

    // Cleared, the queue forgotten when nothing is left, then a new raise: a new id.
    ended("c-2", "09:01:30", "09:04:00", WaitOutcome.ANSWERED);
    agent("a-1", "09:04:10", null);
    watermark("09:25");
    assertThat(harness.numKeyedStateEntries()).as("forgotten but its alert book").isEqualTo(1);
    assertThat(alerts())
        .extracting(a -> a.status)
        .containsExactly(QueueAlert.Status.RAISED, QueueAlert.Status.CLEARED);
    agent("a-1", "09:30", onQueue(1));
    queued("c-3", "09:30:05");
    watermark("09:33");
    assertThat(alerts()).hasSize(3);
    assertThat(alerts().get(2).status).isEqualTo(QueueAlert.Status.RAISED);
    assertThat(alerts().get(2).alertId).as("the second raise").isNotEqualTo(before.alertId);
  }
}
