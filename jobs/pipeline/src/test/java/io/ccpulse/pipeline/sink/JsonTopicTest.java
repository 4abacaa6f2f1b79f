package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.alert.AlertRule;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.Level;
import io.ccpulse.pipeline.burnout.LevelChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class JsonTopicTest {
  private static final long T = Instant.parse("2026-01-05T14:00:00Z").toEpochMilli();

  @Test
  void aLevelChangeIsOneJsonMessageKeyedByItsAgentAndStampedWithItsTime() {
    LevelChange c = new LevelChange();
    c.tenantId = "acme";
    c.agentId = "a-\"1\"";
    c.at = T;
    c.from = Level.LOW;
    c.to = Level.ELEVATED;
    c.score = 35;
    c.factors = "[]";
    ProducerRecord<byte[], byte[]> r = JsonTopic.levelChanges("changes").serialize(c, null, null);
    assertThat(r.topic()).isEqualTo("changes");
    assertThat(r.timestamp()).isEqualTo(c.at);
    assertThat(text(r.key())).isEqualTo("acme/a-\"1\"");
    assertThat(text(r.value()))
        .isEqualTo(
            "{\"tenant_id\":\"acme\",\"agent_id\":\"a-\\\"1\\\"\","
                + "\"at\":\"2026-01-05T14:00:00Z\",\"from\":\"LOW\",\"to\":\"ELEVATED\",\"score\":35,\"factors\":[]}");
  }

  @Test
  void anAlertIsOneJsonMessageKeyedByItsQueueAndStampedWithItsRaiseOrClear() {
    QueueAlert a = new QueueAlert();
    a.alertId = "3f1c";
    a.tenantId = "acme";
    a.queueId = "billing";
    a.rule = AlertRule.OLDEST_WAIT;
    a.severity = "CRITICAL";
    a.status = QueueAlert.Status.RAISED;
    a.value = 121.5;
    a.threshold = 120;
    a.raisedAt = T;
    ProducerRecord<byte[], byte[]> raised =
        JsonTopic.queueAlerts("alerts").serialize(a, null, null);
    assertThat(raised.topic()).isEqualTo("alerts");
    assertThat(text(raised.key())).isEqualTo("acme/billing");
    assertThat(raised.timestamp()).isEqualTo(T);
    assertThat(text(raised.value()))
        .isEqualTo(
            "{\"alert_id\":\"3f1c\",\"status\":\"RAISED\",\"rule\":\"oldest-wait\","
                + "\"severity\":\"CRITICAL\",\"tenant_id\":\"acme\",\"queue_id\":\"billing\",\"value\":121.5,\"threshold\":120.0,"
                + "\"unit\":\"s\",\"raised_at\":\"2026-01-05T14:00:00Z\",\"cleared_at\":null}");

    a.status = QueueAlert.Status.CLEARED;
    a.value = Double.NaN;
    a.clearedAt = T + 90_000;
    ProducerRecord<byte[], byte[]> cleared =
        JsonTopic.queueAlerts("alerts").serialize(a, null, null);
    assertThat(cleared.timestamp()).isEqualTo(T + 90_000);
    assertThat(text(cleared.value()))
        .contains(
            "\"status\":\"CLEARED\"", "\"value\":null", "\"cleared_at\":\"2026-01-05T14:01:30Z\"");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
