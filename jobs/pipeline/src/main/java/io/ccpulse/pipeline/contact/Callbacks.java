package io.ccpulse.pipeline.contact;

import java.util.List;

/**
 * The callback steps of a contact (docs/metrics.md §4): CALLBACK_REQUESTED ends the customer's wait
 * in a queue without an answer or an abandon and leaves a callback pending there; CALLBACK_DIALED
 * by an agent takes the pending callback; that agent's ANSWERED (the customer picks up, in {@link
 * ContactTimeline}) starts the callback leg.
 */
final class Callbacks {
  private Callbacks() {}

  static void requested(ContactState s, String queueId, long at, List<ContactFact> facts)
      throws ImpossibleTransition {
    if (s.waitQueueId == null) {
      throw new ImpossibleTransition("CALLBACK_REQUESTED with no queue wait open");
    }
    if (!s.waitQueueId.equals(queueId)) {
      throw new ImpossibleTransition(
          "CALLBACK_REQUESTED in " + queueId + " but the contact waits in " + s.waitQueueId);
    }
    ContactTimeline.notBefore(at, s.waitStartedAt, "queue wait");
    ContactFact f = ContactFact.of(FactKind.CALLBACK_REQUESTED, s, queueId, null, at);
    f.waitMs = at - s.waitStartedAt;
    facts.add(f);
    s.waitQueueId = null;
    s.callbackQueueId = queueId;
    s.callbackRequestedAt = at;
  }

  static void dialed(
      ContactState s, String queueId, String agentId, long at, List<ContactFact> facts)
      throws ImpossibleTransition {
    if (s.callbackQueueId == null) {
      throw new ImpossibleTransition("CALLBACK_DIALED with no callback pending");
    }
    if (queueId != null && !s.callbackQueueId.equals(queueId)) {
      throw new ImpossibleTransition(
          "CALLBACK_DIALED in " + queueId + " but the callback is pending in " + s.callbackQueueId);
    }
    if (s.leg(agentId) != null) {
      throw new ImpossibleTransition(
          "CALLBACK_DIALED by " + agentId + " who already has a leg of this contact open");
    }
    ContactTimeline.notBefore(at, s.callbackRequestedAt, "callback wait");
    ContactFact f = ContactFact.of(FactKind.CALLBACK_DIALED, s, s.callbackQueueId, agentId, at);
    f.waitMs = at - s.callbackRequestedAt;
    facts.add(f);
    s.callbackAgent = agentId;
    s.callbackAgentQueueId = s.callbackQueueId;
    s.callbackDialedAt = at;
    s.callbackQueueId = null;
  }
}
