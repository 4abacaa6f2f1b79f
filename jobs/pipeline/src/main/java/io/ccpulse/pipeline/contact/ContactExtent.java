package io.ccpulse.pipeline.contact;

import io.ccpulse.events.RejectReason;
import java.time.Duration;

/**
 * How much of a contact the assembler keeps: its events so far and the time they span. Checked
 * before an event is kept, so a contact with 10,000 holds, or one whose events run over days, costs
 * the state of a long real contact and no more. A Flink POJO.
 */
public class ContactExtent {
  public int events;
  public long firstAt;
  public long lastAt;

  /**
   * The latest event refused for the limits: a contact stays remembered while its excess keeps
   * coming, so a runaway one is not forgotten and started afresh (with a new allowance) every
   * retention period.
   */
  public long lastRefusedAt = Long.MIN_VALUE;

  public ContactExtent() {}

  /** Why the contact cannot take one more event at {@code at}, or null if it can. */
  String refusal(long at, int maxEvents, long maxSpanMs) {
    if (events >= maxEvents) {
      return "the contact already has "
          + events
          + " events (input.max-contact-events: "
          + maxEvents
          + ")";
    }
    long span = Math.max(lastAt, at) - Math.min(firstAt, at);
    if (events > 0 && span > maxSpanMs) {
      return "the contact's events would span "
          + Duration.ofMillis(span)
          + " (input.max-contact-span: "
          + Duration.ofMillis(maxSpanMs)
          + ")";
    }
    return null;
  }

  RejectReason reason(int maxEvents) {
    return events >= maxEvents ? RejectReason.TOO_MANY_EVENTS : RejectReason.CONTACT_TOO_LONG;
  }

  void refused(long at) {
    lastRefusedAt = Math.max(lastRefusedAt, at);
  }

  void add(long at) {
    firstAt = events == 0 ? at : Math.min(firstAt, at);
    lastAt = events == 0 ? at : Math.max(lastAt, at);
    events++;
  }
}
