package io.ccpulse.local;

import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import java.time.Instant;
import java.util.List;

/**
 * Reads the burnout level-change topic to its end, as tenant/agent@epochMillis->LEVEL per message.
 */
final class LevelChangeMessages {
  private LevelChangeMessages() {}

  static List<String> read(KafkaBrokerExtension kafka, String topic) {
    return TopicMessages.read(kafka, topic).stream()
        .map(m -> m.key() + "@" + Instant.parse(m.text("at")).toEpochMilli() + "->" + m.text("to"))
        .toList();
  }
}
