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
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live traffic: events stamped near the wall clock, and a watermark held back (a sparse agent-state
 * partition that is not idle yet). The wall clock, driven by hand, moves the live view.
 */
class QueueMonitorLiveTest {
  private static final long T0 = QueueMonitorTest.at("09:00");
  private KeyedOneInputStreamOperatorTestHarness<TenantKey, QueueSignal, QueueSnapshot> harness;

  @BeforeEach
  void setUp() throws Exception {
    // A snapshot at every step: these tests follow the steps themselves (on change is
    // QueueMonitorTest's).
    PipelineConfig config =
        PipelineConfig.defaults().with(java.util.Map.of("queue-health.snapshots", "every-step"));
    LiveTiming timing = new LiveTiming(30_000, 250, 60_000);
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new QueueMonitor(
                    timing,
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(15),
                    Thresholds.from(config),
                    AlertRules.from(config),
                    QueueHealthStage.everyStep(config))),
            QueueSignal::key,
            TypeInformation.of(TenantKey.class));
    harness.open();
    harness.processWatermark(
        new Watermark(T0 - 600_000)); // ten minutes behind: something is sparse
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void signal(QueueSignal s) throws Exception {
    harness.processElement(new StreamRecord<>(s, s.at));
  }

  private List<QueueAlert> alerts() {
    return harness.getSideOutput(QueueMonitor.ALERTS) == null
        ? List.of()
        : harness.getSideOutput(QueueMonitor.ALERTS).stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void aBreachRaisesAHoldAfterItHappenedAndTheWallClockDrivesTheSnapshots() throws Exception {
    harness.setProcessingTime(T0 + 20);
    signal(
        QueueSignal.agent(
            "acme", "billing", "a-1", AgentStatus.of(false, true, 0, 1), T0)); // on break
    LiveContact c = new LiveContact();
    c.tenantId = "acme";
    c.interactionId = "c-1";
    c.channel = Channel.VOICE;
    harness.setProcessingTime(T0 + 1_010);
    signal(QueueSignal.waitStarted(c, "billing", T0 + 1_000));
    assertThat(alerts())
        .as("held: another topic may still bring an agent back at that moment")
        .isEmpty();

    harness.setProcessingTime(T0 + 1_250);
    assertThat(alerts()).extracting(a -> a.rule).containsExactly(AlertRule.NO_AGENT_AVAILABLE);
    assertThat(alerts().get(0).raisedAt).isEqualTo(T0 + 1_000);

    harness.setProcessingTime(T0 + 30_250);
    assertThat(harness.extractOutputValues())
        .extracting(s -> s.at)
        .containsExactly(T0 + 10_000, T0 + 20_000, T0 + 30_000);
    assertThat(harness.extractOutputValues())
        .extracting(QueueSnapshot::oldestWaitMs)
        .containsExactly(9_000L, 19_000L, 29_000L);
  }

  @Test
  void aReplayFarFromTheWallClockWaitsForTheWatermark() throws Exception {
    harness.setProcessingTime(T0 + 3_600_000 * 24L); // a day later
    signal(QueueSignal.agent("acme", "billing", "a-1", AgentStatus.of(false, true, 0, 1), T0));
    harness.setProcessingTime(T0 + 3_600_000 * 25L);
    assertThat(harness.extractOutputValues()).isEmpty();
    // Every partition has shown an event of 09:00:10: more of that millisecond may still come.
    harness.processWatermark(new Watermark(T0 + 10_000 - 30_001));
    assertThat(harness.extractOutputValues()).isEmpty();
    // ... and one after it: the step at 09:00:10 is complete.
    harness.processWatermark(new Watermark(T0 + 10_000 - 30_000));
    assertThat(harness.extractOutputValues()).extracting(s -> s.at).containsExactly(T0 + 10_000);
  }
}
