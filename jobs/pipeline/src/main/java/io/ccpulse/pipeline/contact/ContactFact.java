package io.ccpulse.pipeline.contact;

import io.ccpulse.events.Channel;
import java.util.List;
import java.util.Objects;

/**
 * One thing that happened to a contact and counts in an interval: an arrival, the end of a queue
 * wait, a completed leg, a survey response. {@link #at} is the event time that places it in an
 * interval (the wrap-up for a leg, the end of the wait for a queue outcome).
 */
public class ContactFact {
  public FactKind kind;
  public String tenantId;
  public Channel channel;
  public String interactionId;
  public String customerId;

  /** The queue the wait was in, or the queue the leg was answered from. */
  public String queueId;

  /** The leg's agent; null for queue facts. */
  public String agentId;

  public long at;

  /** Queue wait (ANSWERED) or time to abandon (ABANDONED), ms. */
  public long waitMs;

  public long talkMs;
  public long holdMs;
  public int holdCount;
  public long acwMs;

  /** The leg ended with TRANSFERRED. */
  public boolean transferred;

  /** The leg is a callback leg (the agent dialed a callback the customer asked for). */
  public boolean callback;

  /** When the leg was answered, for busy time and burnout. */
  public long answeredAt;

  /** Survey score 1..5. */
  public int csat;

  /**
   * Survey likelihood to recommend 0..10, or -1 when the survey did not ask (and for other facts).
   */
  public int nps = -1;

  /**
   * +1, or -1 for a retraction: a late event changed what an earlier fact said, so the earlier one
   * is taken back (every sum subtracts it) and the corrected one follows.
   */
  public int sign = 1;

  /**
   * Orders rows of the same fact in contact_facts: rises with every fact a contact sends, so a
   * retraction outranks the fact it takes back and a correction the retraction before it.
   */
  public long version;

  public ContactFact() {}

  static ContactFact of(
      FactKind kind, ContactState contact, String queueId, String agentId, long at) {
    ContactFact f = new ContactFact();
    f.kind = kind;
    f.tenantId = contact.tenantId;
    f.channel = contact.channel;
    f.interactionId = contact.interactionId;
    f.customerId = contact.customerId;
    f.queueId = queueId;
    f.agentId = agentId;
    f.at = at;
    return f;
  }

  public long handleMs() {
    return talkMs + holdMs + acwMs;
  }

  /**
   * Stamps versions in emission order (retractions come before what replaces them) and returns the
   * last one. contact_facts keeps the highest version of a key, so each version is above the
   * contact's previous one ({@code lastVersion}), not only above the wall clock: a fact and its
   * retraction can go out within one millisecond (a job reading fast handles the watermark that
   * sends the fact and the late event that retracts it back to back), and a retraction stamped as
   * low as the fact would leave the fact in the table. Twice the wall clock, as since the first
   * version, so rows written before stay below.
   */
  static long stamp(List<ContactFact> facts, long nowMs, long lastVersion) {
    long version = lastVersion;
    for (ContactFact f : facts) {
      version = Math.max(nowMs * 2, version + 1);
      f.version = version;
    }
    return version;
  }

  /**
   * The same fact (every column but sign and version): what a replay compares. The customer too: a
   * late first event may be the one that names it, and a fact written without it must be corrected.
   */
  public boolean sameAs(ContactFact o) {
    return kind == o.kind
        && at == o.at
        && waitMs == o.waitMs
        && talkMs == o.talkMs
        && holdMs == o.holdMs
        && holdCount == o.holdCount
        && acwMs == o.acwMs
        && transferred == o.transferred
        && callback == o.callback
        && answeredAt == o.answeredAt
        && csat == o.csat
        && nps == o.nps
        && channel == o.channel
        && Objects.equals(queueId, o.queueId)
        && Objects.equals(agentId, o.agentId)
        && Objects.equals(customerId, o.customerId);
  }

  /** This fact taken back. */
  public ContactFact retraction() {
    ContactFact r = copy();
    r.sign = -sign;
    return r;
  }

  /** A copy, for a writer that keeps the fact until its batch goes (README, "Developing"). */
  public ContactFact copy() {
    ContactFact f = new ContactFact();
    f.kind = kind;
    f.tenantId = tenantId;
    f.channel = channel;
    f.interactionId = interactionId;
    f.customerId = customerId;
    f.queueId = queueId;
    f.agentId = agentId;
    f.at = at;
    f.waitMs = waitMs;
    f.talkMs = talkMs;
    f.holdMs = holdMs;
    f.holdCount = holdCount;
    f.acwMs = acwMs;
    f.transferred = transferred;
    f.callback = callback;
    f.answeredAt = answeredAt;
    f.csat = csat;
    f.nps = nps;
    f.sign = sign;
    f.version = version;
    return f;
  }

  @Override
  public String toString() {
    return (sign < 0 ? "-" : "")
        + kind
        + "("
        + interactionId
        + " q="
        + queueId
        + " a="
        + agentId
        + " at="
        + at
        + " wait="
        + waitMs
        + " talk="
        + talkMs
        + " hold="
        + holdMs
        + "/"
        + holdCount
        + " acw="
        + acwMs
        + (transferred ? " transferred" : "")
        + (callback ? " callback" : "")
        + ")";
  }
}
