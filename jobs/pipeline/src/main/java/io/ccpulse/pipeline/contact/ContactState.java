package io.ccpulse.pipeline.contact;

import io.ccpulse.events.Channel;

/**
 * Where one contact (interaction) stands: its open queue wait, its open legs, a pending transfer. A
 * Flink POJO (arrays, not collections, so no generic serializer is needed).
 */
public class ContactState {
  public String tenantId;
  public String interactionId;
  public Channel channel;

  /** The pseudonymous customer, from the first event that names one; may be null. */
  public String customerId;

  /** The queue the contact waits in now, or null. */
  public String waitQueueId;

  public long waitStartedAt;

  /** The contact has been queued before (so a new QUEUED is a transfer-in). */
  public boolean everQueued;

  public boolean abandoned;

  /** An agent a leg was transferred to directly, who has not answered yet; and the leg's queue. */
  public String pendingAgent;

  public String pendingAgentQueueId;

  /** The queue a callback the customer asked for is pending in (not dialed yet), or null. */
  public String callbackQueueId;

  public long callbackRequestedAt;

  /** The agent who dialed the callback and whose ANSWERED starts the callback leg; its queue. */
  public String callbackAgent;

  public String callbackAgentQueueId;

  public long callbackDialedAt;
  public LegProgress[] legs = new LegProgress[0];

  /** Event time of the last event applied; the incomplete-leg timer counts from here. */
  public long lastEventAt;

  // The conversation so far, for its resolution (ContactResolution).

  /** The first QUEUED, or the first ANSWERED of a contact never queued; -1 before either. */
  public long startedAt = -1;

  /** The queue of the first leg answered. */
  public String firstLegQueueId;

  public int legsCompleted;
  public int transfers;
  public int holds;
  public long holdMs;
  public long handleMs;
  public long lastWrapupAt;

  /** Legs closed by the incomplete-leg timer: such a contact has no resolution. */
  public int incompleteLegs;

  public ContactState() {}

  /** Nothing is open: no wait, no leg, no pending transfer, no callback to make or to answer. */
  public boolean finished() {
    return waitQueueId == null
        && legs.length == 0
        && pendingAgent == null
        && callbackQueueId == null
        && callbackAgent == null;
  }

  LegProgress leg(String agentId) {
    for (LegProgress leg : legs) {
      if (leg.agentId.equals(agentId)) {
        return leg;
      }
    }
    return null;
  }

  void addLeg(LegProgress leg) {
    LegProgress[] more = java.util.Arrays.copyOf(legs, legs.length + 1);
    more[legs.length] = leg;
    legs = more;
  }

  void removeLeg(LegProgress leg) {
    legs = java.util.Arrays.stream(legs).filter(l -> l != leg).toArray(LegProgress[]::new);
  }
}
