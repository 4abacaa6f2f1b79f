package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.alert.AlertRules;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.interval.Thresholds;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The estimated wait and the agents required in the queue monitor's snapshots, worked by hand from
 * the signals (every-step snapshots, out-of-orderness bound 0); and the queue-wait topic's change
 * filter.
 */
class QueueEstimatesTest {
  private KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot> harness;

  @AfterEach
  void tearDown() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  static long at(String hhmmss) {
    return Instant.parse("2026-01-05T" + hhmmss + "Z").toEpochMilli();
  }

  @Test
  void theSnapshotCarriesTheEstimateAndTheStaffing() throws Exception {
    PipelineConfig config =
        PipelineConfig.defaults().with(Map.of("queue-health.snapshots", "every-step"));
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new QueueMonitor(
                    LiveTiming.eventTimeOnly(Duration.ZERO),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(15),
                    Thresholds.from(config),
                    AlertRules.from(config),
                    true)),
            QueueSignal::key,
            TypeInformation.of(TenantKey.class));
    harness.open();
    agent("a1", "09:00:00", 0);
    agent("a2", "09:00:00", 0);
    queued("c1", "09:00:00"); // an agent free: a quick wait
    answered("c1", "09:00:00", "09:00:04");
    agent("a1", "09:00:04", 1);
    queued("c2", "09:00:10");
    answered("c2", "09:00:10", "09:00:16");
    agent("a2", "09:00:16", 1);
    queued("c3", "09:01:00"); // both busy
    queued("c4", "09:01:30");
    QueueSignal handled =
        QueueSignal.handled(contact("c0"), "billing", at("08:58:00"), at("09:02:00"));
    signal(handled); // an earlier leg: 240 s
    ended("c3", "09:01:00", "09:03:00", WaitOutcome.ABANDONED);
    harness.processWatermark(new Watermark(at("09:03:10")));

    QueueSnapshot s = snapshots().get(snapshots().size() - 1);
    assertThat(s.at).isEqualTo(at("09:03:10"));
    assertThat(s.arrived).isEqualTo(4);
    assertThat(s.handleTimeMs).isEqualTo(240_000);
    // 2 slots busy, c4 waits: the newcomer is behind 1, slots free at 2/240 per s, patience: one
    // abandon over 4 + 6 + 120 s ended and c4's 100 s so far. Plus the quick waits' 5 s mean.
    double mu = 1 / 240.0;
    double theta = 1 / 230.0;
    double wait = 1 / (2 * mu) + 1 / (2 * mu + theta) + 5;
    assertThat(s.estimatedWaitMs).isEqualTo(Math.round(wait * 1000));
    // Four arrivals over the 190 s seen; the target is the service-level rule's clear level, 80 %.
    assertThat(s.agentsRequired)
        .isEqualTo(ErlangA.requiredServers(4 / 190.0, mu, theta, 20, 5, 0.8))
        .isGreaterThan(0);

    // Everyone on a break: no telling how long.
    agent("a1", "09:03:15", -1);
    agent("a2", "09:03:15", -1);
    harness.processWatermark(new Watermark(at("09:03:20")));
    assertThat(snapshots().get(snapshots().size() - 1).estimatedWaitMs).isEqualTo(-1);
  }

  @Test
  void theWaitTopicChangesWhenTheAnnouncementWould() throws Exception {
    var topic =
        new KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSnapshot, QueueSnapshot>(
            new KeyedProcessOperator<>(new WaitChanges()),
            s -> TenantKey.of(s.tenantId, s.queueId),
            TypeInformation.of(TenantKey.class));
    topic.open();
    long[] estimates = {-1, -1, 61_200, 60_800, 75_000, 75_400, -1};
    for (int i = 0; i < estimates.length; i++) {
      QueueSnapshot s = new QueueSnapshot();
      s.tenantId = "acme";
      s.queueId = "billing";
      s.at = at("09:00:00") + i * 10_000L;
      s.estimatedWaitMs = estimates[i];
      topic.processElement(new StreamRecord<>(s, s.at));
    }
    assertThat(topic.extractOutputValues())
        .extracting(s -> s.estimatedWaitMs)
        .containsExactly(-1L, 61_200L, 75_000L, -1L); // 61.2 and 60.8 s are both 61 s
    topic.close();
  }

  private void signal(QueueSignal s) throws Exception {
    harness.processElement(new StreamRecord<>(s, s.at));
  }

  private void queued(String id, String time) throws Exception {
    signal(QueueSignal.waitStarted(contact(id), "billing", at(time)));
  }

  private void answered(String id, String queuedTime, String time) throws Exception {
    ended(id, queuedTime, time, WaitOutcome.ANSWERED);
  }

  private void ended(String id, String queuedTime, String time, WaitOutcome outcome)
      throws Exception {
    LiveContact c = contact(id);
    c.waitQueueId = "billing";
    c.waitSince = at(queuedTime);
    signal(QueueSignal.waitEnded(c, outcome, at(time)));
  }

  /** open contacts, or -1 for a break. */
  private void agent(String id, String time, int open) throws Exception {
    AgentStatus status =
        open < 0 ? AgentStatus.of(false, true, 0, 1) : AgentStatus.of(true, false, open, 1);
    signal(QueueSignal.agent("acme", "billing", id, status, at(time)));
  }

  private static LiveContact contact(String id) {
    LiveContact c = new LiveContact();
    c.tenantId = "acme";
    c.interactionId = id;
    c.channel = Channel.VOICE;
    return c;
  }

  private List<QueueSnapshot> snapshots() {
    return harness.extractOutputValues();
  }
}
