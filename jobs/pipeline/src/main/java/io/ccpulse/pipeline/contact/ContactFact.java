package io.ccpulse.pipeline.contact;

import io.ccpulse.events.Channel;

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
  /** When the leg was answered, for busy time and burnout. */
  public long answeredAt;
  /** Survey score 1..5. */
  public int csat;

  public ContactFact() {}

  static ContactFact of(FactKind kind, ContactState contact, String queueId, String agentId, long at) {
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

  @Override
  public String toString() {
    return kind + "(" + interactionId + " q=" + queueId + " a=" + agentId + " at=" + at + " wait=" + waitMs
        + " talk=" + talkMs + " hold=" + holdMs + "/" + holdCount + " acw=" + acwMs
        + (transferred ? " transferred" : "") + ")";
  }
}
