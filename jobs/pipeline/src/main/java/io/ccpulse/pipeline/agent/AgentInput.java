package io.ccpulse.pipeline.agent;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactKind;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;

/** What changes an agent's time: a presence change, or a leg opening or closing. */
public class AgentInput {
  public String tenantId;
  public String agentId;
  public long at;

  /** The new presence, or null for a leg edge. */
  public AgentState state;

  /** +1 a leg opened, -1 a leg closed, 0 for a presence change. */
  public int legDelta;

  /** For presence changes: the event id, to drop duplicates. */
  public String eventId;

  /** For presence changes: the event and where it came from, should it have to be rejected. */
  public AgentStateEvent event;

  public String topic;
  public int partition;
  public long offset;

  /** For presence changes: the partition's clock when it arrived (lateness is judged by it). */
  public long partitionClock = Long.MIN_VALUE;

  public AgentInput() {}

  public static AgentInput of(Inbound<AgentStateEvent> sourced) {
    AgentInput in = of(sourced.event);
    in.event = sourced.event;
    in.topic = sourced.topic;
    in.partition = sourced.partition;
    in.offset = sourced.offset;
    in.partitionClock = sourced.partitionClock;
    return in;
  }

  public static AgentInput of(AgentStateEvent e) {
    AgentInput in = new AgentInput();
    in.tenantId = e.getTenantId();
    in.agentId = e.getAgentId();
    in.at = e.getOccurredAt().toEpochMilli();
    in.state = e.getState();
    in.eventId = e.getEventId();
    return in;
  }

  /** A leg edge, or null if the fact is not one. */
  public static AgentInput of(ContactFact f) {
    int delta =
        f.kind == FactKind.LEG_STARTED
            ? 1
            : (f.kind == FactKind.LEG || f.kind == FactKind.LEG_INCOMPLETE) ? -1 : 0;
    if (delta == 0 || f.agentId == null) {
      return null;
    }
    AgentInput in = new AgentInput();
    in.tenantId = f.tenantId;
    in.agentId = f.agentId;
    in.at = f.at;
    in.legDelta = delta * f.sign; // a retracted start closes, a retracted end reopens
    return in;
  }

  public TenantKey key() {
    return TenantKey.of(tenantId, agentId);
  }
}
