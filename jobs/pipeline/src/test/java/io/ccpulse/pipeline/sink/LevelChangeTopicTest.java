package io.ccpulse.pipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.burnout.Level;
import io.ccpulse.pipeline.burnout.LevelChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class LevelChangeTopicTest {
  @Test
  void aLevelChangeIsOneJsonMessageKeyedByItsAgentAndStampedWithItsTime() {
    LevelChange c = new LevelChange();
    c.tenantId = "acme";
    c.agentId = "a-\"1\"";
    c.at = Instant.parse("2026-01-05T14:00:00Z").toEpochMilli();
    c.from = Level.LOW;
    c.to = Level.ELEVATED;
    c.score = 35;
    c.factors = "[]";
    ProducerRecord<byte[], byte[]> r = new LevelChangeTopic("changes").serialize(c, null, null);
    assertThat(r.topic()).isEqualTo("changes");
    assertThat(r.timestamp()).isEqualTo(c.at);
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("acme/a-\"1\"");
    assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"tenant_id\":\"acme\",\"agent_id\":\"a-\\\"1\\\"\","
        + "\"at\":\"2026-01-05T14:00:00Z\",\"from\":\"LOW\",\"to\":\"ELEVATED\",\"score\":35,\"factors\":[]}");
  }
}
