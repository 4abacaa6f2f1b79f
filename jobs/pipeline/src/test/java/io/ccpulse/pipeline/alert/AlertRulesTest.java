package io.ccpulse.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
  @Test
  void theMostSpecificScopeWins() {
    AlertRules rules =
        AlertRules.from(
            PipelineConfig.defaults()
                .with(
                    Map.of(
                        "alerts.tenant.acme.oldest-wait.threshold", "3min",
                        "alerts.queue.acme/vip.line.oldest-wait.threshold", "30s",
                        "alerts.tenant.acme.abandon-rate.threshold", "0.2")));
    assertThat(rules.forQueue("other", "q", Channel.VOICE).get(AlertRule.OLDEST_WAIT).threshold)
        .isEqualTo(120.0);
    assertThat(rules.forQueue("acme", "q", Channel.VOICE).get(AlertRule.OLDEST_WAIT).threshold)
        .isEqualTo(180.0);
    assertThat(
            rules.forQueue("acme", "vip.line", Channel.VOICE).get(AlertRule.OLDEST_WAIT).threshold)
        .isEqualTo(30.0);
    assertThat(
            rules.forQueue("acme", "vip.line", Channel.VOICE).get(AlertRule.ABANDON_RATE).threshold)
        .isEqualTo(0.2);
    assertThat(rules.forQueue("other", "q", Channel.VOICE).get(AlertRule.ABANDON_RATE).threshold)
        .isEqualTo(0.15);
  }

  @Test
  void emailQueuesHaveTheirOwnDefaults() {
    AlertRules rules = AlertRules.from(PipelineConfig.defaults());
    Map<AlertRule, RuleSettings> email = rules.forQueue("acme", "mail", Channel.EMAIL);
    assertThat(email.get(AlertRule.OLDEST_WAIT).threshold).isEqualTo(4 * 3600.0);
    assertThat(email.get(AlertRule.SERVICE_LEVEL).enabled).isFalse();
    assertThat(rules.forQueue("acme", "q", Channel.CHAT).get(AlertRule.SERVICE_LEVEL).enabled)
        .isTrue();
    assertThat(rules.forQueue("acme", "q", null).get(AlertRule.SERVICE_LEVEL).enabled).isTrue();
  }

  @Test
  void mistakesFailAtStartNamingTheKey() {
    assertThatThrownBy(
            () ->
                AlertRules.from(
                    PipelineConfig.defaults()
                        .with(Map.of("alerts.tenant.acme.oldest-wait.treshold", "1min"))))
        .hasMessageContaining("alerts.tenant.acme.oldest-wait.treshold");
    assertThatThrownBy(
            () ->
                AlertRules.from(
                    PipelineConfig.defaults()
                        .with(Map.of("alerts.queue.acme/q.long-wait.threshold", "1min"))))
        .hasMessageContaining("long-wait");
    assertThatThrownBy(
            () ->
                AlertRules.from(
                    PipelineConfig.defaults()
                        .with(Map.of("alerts.queue.acme/q.abandon-rate.threshold", "lots"))))
        .hasMessageContaining("alerts.abandon-rate.threshold must be a number, got lots");
    assertThatThrownBy(
            () ->
                AlertRules.from(
                    PipelineConfig.defaults()
                        .with(Map.of("alerts.channel.FAX.oldest-wait.threshold", "1min"))))
        .hasMessageContaining("FAX");
    assertThatThrownBy(
            () -> PipelineConfig.defaults().with(Map.of("alerts.oldest-wait.treshold", "1min")))
        .hasMessageContaining("Unknown configuration key alerts.oldest-wait.treshold");
  }
}
