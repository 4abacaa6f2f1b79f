package io.ccpulse.local;

import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the burnout level-change topic to its end, as tenant/agent@epochMillis->LEVEL per message.
 */
final class LevelChangeMessages {
  private static final Pattern FIELDS = Pattern.compile("\"at\":\"([^\"]+)\".*\"to\":\"([A-Z]+)\"");

  private LevelChangeMessages() {}

  static List<String> read(KafkaBrokerExtension kafka, String topic) {
    return TopicMessages.read(kafka, topic).stream()
        .map(
            m -> {
              Matcher fields = FIELDS.matcher(m.json());
              if (!fields.find()) {
                throw new AssertionError("Not a level change: " + m.json());
              }
              return m.key()
                  + "@"
                  + Instant.parse(fields.group(1)).toEpochMilli()
                  + "->"
                  + fields.group(2);
            })
        .toList();
  }
}
