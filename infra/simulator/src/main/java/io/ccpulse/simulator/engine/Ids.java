package io.ccpulse.simulator.engine;

/**
 * Identifiers. Event and contact ids carry a tag derived from the scenario, so runs with other
 * seeds or start times never collide in a topic (a collision would be dropped as a duplicate).
 */
final class Ids {
  private final String eventPrefix;
  private final String faultPrefix;
  private final String contactPrefix;
  private long events;
  private long faultEvents;
  private long contacts;

  Ids(String runTag) {
    this.eventPrefix = "ev-" + runTag + "-";
    this.faultPrefix = "evx-" + runTag + "-";
    this.contactPrefix = "ix-" + runTag + "-";
  }

  /** A short stable tag for a seed and start time. */
  static String runTag(long seed, long startMillis) {
    long h = (seed ^ 0x5DEECE66DL) * 0x9E3779B97F4A7C15L + startMillis;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return String.format("%08x", h & 0xFFFFFFFFL);
  }

  String event() {
    return eventPrefix + Long.toString(events++, 36);
  }

  /**
   * Ids of injected impossible events: their own sequence, so real events keep theirs with or
   * without faults.
   */
  String faultEvent() {
    return faultPrefix + Long.toString(faultEvents++, 36);
  }

  String contact() {
    return contactPrefix + Long.toString(contacts++, 36);
  }

  long contactsCreated() {
    return contacts;
  }
}
