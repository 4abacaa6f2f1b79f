package io.ccpulse.pipeline.queue;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;

/**
 * Something that changes whether an agent can take contacts: a presence change, or a contact
 * answered (+1) or wrapped up (-1). A Flink POJO; {@link #at} is event time, {@link #knownAt} when
 * the live view applies it ({@link LiveMoment}).
 */
public class AgentSignal {
  public String tenantId;
  public String agentId;
  public long at;

  /** When the live view applies it: {@link #at}, or later for a straggler ({@link LiveMoment}). */
  public long knownAt;

  /** A presence change, or null for a contact edge. */
  public AgentState state;

  /** With LOGGED_IN: the queues served and the capacity (0: not given). */
  public String[] queueIds;

  public int capacity;

  /** A contact edge: the contact and +1 (answered) or -1 (wrapped up or closed). */
  public String interactionId;

  public int contactDelta;

  public AgentSignal() {}

  /** A presence change, applied when its record's partition clock says ({@link LiveMoment}). */
  public static AgentSignal presence(Inbound<AgentStateEvent> in, long boundMs) {
    AgentSignal s = presence(in.event);
    s.knownAt = LiveMoment.of(s.at, in.partitionClock, boundMs);
    return s;
  }

  public static AgentSignal presence(AgentStateEvent e) {
    AgentSignal s = new AgentSignal();
    s.tenantId = e.getTenantId();
    s.agentId = e.getAgentId();
    s.at = e.getOccurredAt().toEpochMilli();
    s.knownAt = s.at;
    s.state = e.getState();
    s.queueIds = e.getQueueIds().stream().map(CharSequence::toString).toArray(String[]::new);
    s.capacity = e.getMaxConcurrentContacts() == null ? 0 : e.getMaxConcurrentContacts();
    return s;
  }

  static AgentSignal contact(
      String tenantId, String agentId, String interactionId, int delta, long at) {
    AgentSignal s = new AgentSignal();
    s.tenantId = tenantId;
    s.agentId = agentId;
    s.interactionId = interactionId;
    s.contactDelta = delta;
    s.at = at;
    s.knownAt = at;
    return s;
  }

  public TenantKey key() {
    return TenantKey.of(tenantId, agentId);
  }

  @Override
  public String toString() {
    return agentId
        + " @"
        + at
        + (knownAt != at ? " known " + knownAt : "")
        + " "
        + (state != null ? state : (contactDelta > 0 ? "+" : "-") + interactionId);
  }
}
