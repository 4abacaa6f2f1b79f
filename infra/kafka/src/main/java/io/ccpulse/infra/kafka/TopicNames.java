package io.ccpulse.infra.kafka;

import java.util.concurrent.ThreadLocalRandom;

/** Unique, legal topic names for tests: {@code base-test-xxxxxxxx}. */
final class TopicNames {

  /** Kafka's limit is 249; leave room for the suffix. */
  private static final int MAX_PART = 100;

  private TopicNames() {}

  static String unique(String base, String testName) {
    String b = sanitize(base);
    if (b.isEmpty()) {
      throw new IllegalArgumentException("Topic base name has no usable character: '" + base + "'");
    }
    String t = sanitize(testName);
    String suffix =
        Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL | 0x100000000L)
            .substring(1);
    return t.isEmpty() ? b + "-" + suffix : b + "-" + t + "-" + suffix;
  }

  /**
   * Keeps [a-zA-Z0-9-] only. '.' and '_' are legal but Kafka treats them as the same character in
   * metric names and rejects a topic that collides with another that way.
   */
  static String sanitize(String s) {
    if (s == null) {
      return "";
    }
    String cleaned = s.replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return cleaned.length() > MAX_PART ? cleaned.substring(0, MAX_PART) : cleaned;
  }
}
