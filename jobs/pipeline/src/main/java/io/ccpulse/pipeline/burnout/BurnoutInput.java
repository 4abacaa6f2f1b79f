package io.ccpulse.pipeline.burnout;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;
import java.util.Comparator;
import java.util.Objects;

/** What the burnout indicators follow: presence changes, contacts opening and closing, surveys. */
public class BurnoutInput {
  /** The kinds, in the order inputs of the same instant are applied: closing before opening. */
  public enum Kind {
    LEG,
    LEG_INCOMPLETE,
    PRESENCE,
    CONTACT_OPENED,
    SURVEY
  }

  /**
   * The order inputs of one instant are applied in: by kind (closing before opening), then by
   * content, so the outcome does not depend on which parallel task delivered first. Presence
   * changes of one instant stay in the order they came in (a sort by this order is stable): an
   * agent's events come from one partition, in the order they were written (LOGGED_IN before
   * AVAILABLE).
   */
  public static final Comparator<BurnoutInput> ORDER =
      Comparator.comparing((BurnoutInput i) -> i.kind)
          .thenComparingInt(i -> i.sign)
          .thenComparing(i -> i.interactionId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(i -> i.queueId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(i -> i.channel, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingLong(i -> i.handleMs)
          .thenComparing(i -> i.transferred)
          .thenComparingInt(i -> i.csat)
          .thenComparingLong(i -> i.queueUsualMs);

  public Kind kind;
  public String tenantId;
  public String agentId;
  public long at;

  /** PRESENCE: the new state and its event id (to drop duplicates). */
  public AgentState state;

  public String eventId;

  /**
   * Contacts: which, where, and for a completed leg its handle time and whether it was transferred.
   */
  public String interactionId;

  public String queueId;
  public Channel channel;
  public long handleMs;
  public boolean transferred;
  public int csat;

  /** +1, or -1: a retraction takes back an earlier input with the same content. */
  public int sign = 1;

  /**
   * LEG: the queue's usual handle time before this leg (0: not known yet), from {@link
   * QueueUsualHandle}.
   */
  public long queueUsualMs;

  public BurnoutInput() {}

  public static BurnoutInput of(Inbound<AgentStateEvent> sourced) {
    AgentStateEvent e = sourced.event;
    BurnoutInput in = new BurnoutInput();
    in.kind = Kind.PRESENCE;
    in.tenantId = e.getTenantId();
    in.agentId = e.getAgentId();
    in.at = e.getOccurredAt().toEpochMilli();
    in.state = e.getState();
    in.eventId = e.getEventId();
    return in;
  }

  /** The input a fact makes, or null if the fact is about no agent or does not matter here. */
  public static BurnoutInput of(ContactFact f) {
    Kind kind =
        switch (f.kind) {
          case LEG_STARTED -> Kind.CONTACT_OPENED;
          case LEG -> Kind.LEG;
          case LEG_INCOMPLETE -> Kind.LEG_INCOMPLETE;
          case SURVEY -> Kind.SURVEY;
          default -> null;
        };
    if (kind == null || f.agentId == null) {
      return null;
    }
    BurnoutInput in = new BurnoutInput();
    in.kind = kind;
    in.tenantId = f.tenantId;
    in.agentId = f.agentId;
    in.at = f.at;
    in.interactionId = f.interactionId;
    in.queueId = f.queueId;
    in.channel = f.channel;
    in.handleMs = f.handleMs();
    in.transferred = f.transferred;
    in.csat = f.csat;
    in.sign = f.sign;
    return in;
  }

  public TenantKey key() {
    return TenantKey.of(tenantId, agentId);
  }

  public TenantKey queueKey() {
    return TenantKey.of(tenantId, queueId);
  }

  /** The same input but for its sign: what a retraction cancels. */
  boolean cancels(BurnoutInput o) {
    return kind == o.kind
        && at == o.at
        && sign == -o.sign
        && handleMs == o.handleMs
        && transferred == o.transferred
        && csat == o.csat
        && Objects.equals(interactionId, o.interactionId)
        && Objects.equals(queueId, o.queueId);
  }

  @Override
  public String toString() {
    return (sign < 0 ? "-" : "")
        + kind
        + " "
        + tenantId
        + "/"
        + agentId
        + " at="
        + at
        + (state == null ? "" : " " + state)
        + (interactionId == null ? "" : " " + interactionId);
  }
}
