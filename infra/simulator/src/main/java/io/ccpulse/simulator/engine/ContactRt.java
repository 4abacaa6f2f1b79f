package io.ccpulse.simulator.engine;

import io.ccpulse.events.Channel;
import java.util.ArrayList;
import java.util.List;

/** A customer contact at run time. */
final class ContactRt {
  final String id;
  final String tenantId;
  final String customerId;
  final Channel channel;

  /** Picked for the too-late fault: all its events are delivered after the allowed lateness. */
  final boolean tooLate;

  /** The queue it waits in, or null while not waiting. */
  QueueRt waitingIn;

  long queuedAt;

  /** Bumped on each wait, so a stale patience timer knows it no longer applies. */
  int waitNumber;

  long totalWaitMs;
  int transfers;

  /** Agents with a leg (or an alert) open on this contact: never routed it again meanwhile. */
  final List<AgentRt> agentsOn = new ArrayList<>(2);

  ContactRt(String id, String tenantId, String customerId, Channel channel, boolean tooLate) {
    this.id = id;
    this.tenantId = tenantId;
    this.customerId = customerId;
    this.channel = channel;
    this.tooLate = tooLate;
  }
}
