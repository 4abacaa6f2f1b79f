package io.ccpulse.simulator.truth;

import io.ccpulse.events.Channel;
import java.util.ArrayList;
import java.util.List;

/** What the truth knows about one open contact: its current wait and its open legs. */
final class ContactState {
  final String tenantId;
  final Channel channel;
  final String customerId;

  /** The open wait, or null. */
  Wait wait;

  /** True from the contact's first QUEUED on: later entries are transfers in. */
  boolean everQueued;

  /** True after TRANSFERRED to a queue, until the QUEUED it causes. */
  boolean queueTransferPending;

  /** After TRANSFERRED to an agent: that agent and the queue its leg is attributed to. */
  String directAgent;

  String directQueue;

  /** A callback requested in this queue and not dialed yet, or null; and since when. */
  String callbackQueue;

  long callbackSince;

  /** The agent who dialed the callback, whose ANSWERED starts the callback leg; and its queue. */
  String callbackAgent;

  String callbackAgentQueue;
  final List<Leg> legs = new ArrayList<>(2);

  // The conversation so far (ContactResolutionTruth).
  long startedAt = -1;
  String firstLegQueue;
  int legsDone;
  int transfers;
  int holds;
  long holdMs;
  long handleMs;
  long lastWrapup;
  boolean abandoned;

  ContactState(String tenantId, Channel channel, String customerId) {
    this.tenantId = tenantId;
    this.channel = channel;
    this.customerId = customerId;
  }

  /** A wait in a queue, from QUEUED. */
  record Wait(String queueId, long since, Entity queue, Entity tenant) {}

  /** One agent's leg, from ANSWERED to WRAPUP_ENDED. */
  static final class Leg {
    final String agentId;
    final String queueId;
    final long answeredAt;
    final Entity agent;
    final Entity queue;
    final Entity tenant;
    final AgentClock clock;
    long holdSince = -1;
    long holdMs;
    int holdCount;
    long connectedEnd = -1;
    boolean transferredOut;
    boolean callback;

    Leg(
        String agentId,
        String queueId,
        long answeredAt,
        Entity agent,
        Entity queue,
        Entity tenant,
        AgentClock clock) {
      this.agentId = agentId;
      this.queueId = queueId;
      this.answeredAt = answeredAt;
      this.agent = agent;
      this.queue = queue;
      this.tenant = tenant;
      this.clock = clock;
    }
  }

  Leg leg(String agentId) {
    for (Leg l : legs) {
      if (l.agentId.equals(agentId)) {
        return l;
      }
    }
    return null;
  }

  boolean finished() {
    return wait == null
        && legs.isEmpty()
        && !queueTransferPending
        && directAgent == null
        && callbackQueue == null
        && callbackAgent == null;
  }
}
