package io.ccpulse.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The understaffed rule with the defaults: 2 agents short raises after a minute; back to none short
 * for 3 minutes clears; hovering at 1 short (between the levels) changes nothing.
 */
class UnderstaffedRuleTest {
  private final RuleSettings rule =
      AlertRules.from(PipelineConfig.defaults())
          .forQueue("acme", "billing", Channel.VOICE)
          .get(AlertRule.UNDERSTAFFED);
  private final AlertState state = new AlertState();

  private QueueAlert at(long seconds, int required, int onQueue) {
    QueueSnapshot s = new QueueSnapshot();
    s.tenantId = "acme";
    s.queueId = "billing";
    s.at = 1_000_000 + seconds * 1000;
    s.agentsRequired = required;
    s.agentsOnQueue = onQueue;
    s.offered = 20; // enough waits ended to judge
    return AlertTracker.judge(AlertRule.UNDERSTAFFED, rule, state, s);
  }

  @Test
  void raisesOnceAndClearsOnce() {
    assertThat(at(0, 12, 10)).isNull(); // 2 short: the breach starts
    assertThat(at(30, 12, 10)).isNull(); // not yet a minute
    QueueAlert raised = at(60, 13, 10);
    assertThat(raised.status).isEqualTo(QueueAlert.Status.RAISED);
    assertThat(raised.value).isEqualTo(3.0);
    assertThat(raised.raisedAt).isEqualTo(1_000_000 + 60_000);
    assertThat(at(70, 11, 10)).isNull(); // 1 short: between the levels, stays raised
    assertThat(at(80, 10, 10)).isNull(); // none short: the recovery starts
    assertThat(at(200, 11, 10)).isNull(); // 1 short again: the recovery is over
    assertThat(at(210, 9, 10)).isNull();
    assertThat(at(300, 10, 10)).isNull();
    QueueAlert cleared = at(390, 10, 11);
    assertThat(cleared.status).isEqualTo(QueueAlert.Status.CLEARED);
    assertThat(cleared.alertId).isEqualTo(raised.alertId);
    assertThat(cleared.clearedAt).isEqualTo(1_000_000 + 210_000 + 180_000);
    assertThat(at(400, 11, 10)).isNull(); // 1 short: below the threshold, no new raise
  }

  @Test
  void noFigureOrTooLittleDataNeverRaises() {
    assertThat(at(0, -1, 0)).isNull();
    assertThat(at(120, -1, 0)).isNull();
    QueueSnapshot quiet = new QueueSnapshot();
    quiet.tenantId = "acme";
    quiet.queueId = "billing";
    quiet.at = 2_000_000;
    quiet.agentsRequired = 20;
    quiet.offered = 3; // fewer than min-offered
    assertThat(AlertTracker.judge(AlertRule.UNDERSTAFFED, rule, state, quiet)).isNull();
    quiet.at += 120_000;
    assertThat(AlertTracker.judge(AlertRule.UNDERSTAFFED, rule, state, quiet)).isNull();
    assertThat(
            AlertRules.from(PipelineConfig.defaults())
                .forQueue("acme", "mail", Channel.EMAIL)
                .get(AlertRule.UNDERSTAFFED)
                .enabled)
        .isFalse();
  }
}
