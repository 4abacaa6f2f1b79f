package io.ccpulse.pipeline.contact;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.RejectReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The life cycle of one contact as a state machine: events in event-time order go in, facts come
 * out when a wait ends or a leg completes. A plain class, so every rule is tested without Flink.
 *
 * <p>QUEUED → ABANDONED, or ANSWERED (a leg starts) → HOLD_STARTED/HOLD_ENDED pairs → TRANSFERRED
 * or TALK_ENDED → WRAPUP_ENDED (the leg completes). A wait may instead end with CALLBACK_REQUESTED;
 * CALLBACK_DIALED by an agent and that agent's ANSWERED then start the callback leg ({@link
 * Callbacks}). An event that cannot follow is refused with {@link ImpossibleTransition} and changes
 * nothing.
 */
public final class ContactTimeline {
  private ContactTimeline() {}

  /** A fresh state for the contact this event belongs to. */
  public static ContactState start(InteractionEvent first) {
    ContactState s = new ContactState();
    s.tenantId = first.getTenantId();
    s.interactionId = first.getInteractionId();
    s.channel = first.getChannel();
    return s;
  }

  /** Applies one event; returns the facts it completes. */
  public static List<ContactFact> apply(ContactState s, InteractionEvent e)
      throws ImpossibleTransition {
    long at = e.getOccurredAt().toEpochMilli();
    List<ContactFact> facts = new ArrayList<>(2);
    if (s.customerId == null) {
      s.customerId = e.getCustomerId();
    }
    switch (e.getType()) {
      case QUEUED:
        queued(s, e.getQueueId(), at, facts);
        break;
      case ABANDONED:
        abandoned(s, e.getQueueId(), at, facts);
        break;
      case ANSWERED:
        answered(s, e.getAgentId(), e.getQueueId(), at, facts);
        break;
      case HOLD_STARTED:
        holdStarted(connectedLeg(s, e, at), at);
        break;
      case HOLD_ENDED:
        holdEnded(s, e, at);
        break;
      case TRANSFERRED:
        transferred(s, connectedLeg(s, e, at), e, at);
        break;
      case TALK_ENDED:
        endConnection(connectedLeg(s, e, at), at);
        break;
      case WRAPUP_ENDED:
        wrapupEnded(s, e, at, facts);
        break;
      case CALLBACK_REQUESTED:
        Callbacks.requested(s, e.getQueueId(), at, facts);
        break;
      case CALLBACK_DIALED:
        Callbacks.dialed(s, e.getQueueId(), e.getAgentId(), at, facts);
        break;
      default:
        throw new ImpossibleTransition("unknown event type " + e.getType());
    }
    s.lastEventAt = Math.max(s.lastEventAt, at);
    return facts;
  }

  /** Closes every open leg as incomplete (the timer fired); the contact is finished afterwards. */
  public static List<ContactFact> closeIncomplete(ContactState s, long at) {
    List<ContactFact> facts = new ArrayList<>();
    for (LegProgress leg : s.legs) {
      ContactFact f = ContactFact.of(FactKind.LEG_INCOMPLETE, s, leg.queueId, leg.agentId, at);
      f.answeredAt = leg.answeredAt;
      facts.add(f);
    }
    s.incompleteLegs += s.legs.length;
    s.legs = new LegProgress[0];
    s.waitQueueId = null;
    s.pendingAgent = null;
    s.callbackQueueId = null;
    s.callbackAgent = null;
    s.lastEventAt =
        Math.max(s.lastEventAt, at); // the retention of a closed contact counts from its close
    return facts;
  }

  /** Refuses an event stamped before the step it would close (only a late event can be). */
  static void notBefore(long at, long start, String what) throws ImpossibleTransition {
    if (at < start) {
      throw new ImpossibleTransition(
          RejectReason.NEGATIVE_DURATION, what + " would be negative (" + (at - start) + " ms)");
    }
  }

  private static void queued(ContactState s, String queueId, long at, List<ContactFact> facts)
      throws ImpossibleTransition {
    if (s.abandoned) {
      throw new ImpossibleTransition("QUEUED after the contact was ABANDONED");
    }
    if (s.callbackQueueId != null || s.callbackAgent != null) {
      throw new ImpossibleTransition("QUEUED while a callback of the contact is open");
    }
    if (s.waitQueueId != null) {
      notBefore(at, s.waitStartedAt, "queue wait");
      if (s.waitQueueId.equals(queueId)) {
        throw new ImpossibleTransition("QUEUED in " + queueId + " while already waiting there");
      }
      ContactFact moved = ContactFact.of(FactKind.MOVED_UNANSWERED, s, s.waitQueueId, null, at);
      moved.waitMs = at - s.waitStartedAt;
      facts.add(moved);
    }
    facts.add(
        ContactFact.of(
            s.everQueued ? FactKind.TRANSFERRED_IN : FactKind.ARRIVED, s, queueId, null, at));
    if (s.startedAt < 0) {
      s.startedAt = at;
    }
    s.everQueued = true;
    s.waitQueueId = queueId;
    s.waitStartedAt = at;
  }

  private static void abandoned(ContactState s, String queueId, long at, List<ContactFact> facts)
      throws ImpossibleTransition {
    if (s.waitQueueId == null) {
      throw new ImpossibleTransition("ABANDONED with no queue wait open");
    }
    if (!s.waitQueueId.equals(queueId)) {
      throw new ImpossibleTransition(
          "ABANDONED in " + queueId + " but the contact waits in " + s.waitQueueId);
    }
    notBefore(at, s.waitStartedAt, "time to abandon");
    ContactFact f = ContactFact.of(FactKind.ABANDONED, s, queueId, null, at);
    f.waitMs = at - s.waitStartedAt;
    facts.add(f);
    s.waitQueueId = null;
    s.abandoned = true;
  }

  private static void answered(
      ContactState s, String agentId, String queueId, long at, List<ContactFact> facts)
      throws ImpossibleTransition {
    if (s.abandoned) {
      throw new ImpossibleTransition("ANSWERED after the contact was ABANDONED");
    }
    if (s.leg(agentId) != null) {
      throw new ImpossibleTransition(
          "ANSWERED by " + agentId + " who already has a leg of this contact open");
    }
    LegProgress leg = new LegProgress();
    leg.agentId = agentId;
    leg.answeredAt = at;
    if (s.waitQueueId != null) {
      notBefore(at, s.waitStartedAt, "queue wait");
      ContactFact f = ContactFact.of(FactKind.ANSWERED, s, s.waitQueueId, agentId, at);
      f.waitMs = at - s.waitStartedAt;
      facts.add(f);
      leg.queueId = s.waitQueueId;
      s.waitQueueId = null;
    } else if (agentId.equals(s.callbackAgent)) {
      notBefore(at, s.callbackDialedAt, "callback dialing");
      leg.queueId = s.callbackAgentQueueId;
      leg.callback = true;
      s.callbackAgent = null;
      s.callbackAgentQueueId = null;
    } else if (agentId.equals(s.pendingAgent)) {
      leg.queueId = s.pendingAgentQueueId;
      s.pendingAgent = null;
      s.pendingAgentQueueId = null;
    } else if (queueId != null) {
      leg.queueId = queueId; // no wait seen (e.g. imported history): the event names the queue
    } else {
      throw new ImpossibleTransition(
          "ANSWERED by "
              + agentId
              + " with no queue wait, no transfer to that agent and no queue_id");
    }
    s.addLeg(leg);
    if (s.startedAt < 0) {
      s.startedAt = at; // never queued (imported history): the conversation starts here
    }
    if (s.firstLegQueueId == null) {
      s.firstLegQueueId = leg.queueId;
    }
    ContactFact started = ContactFact.of(FactKind.LEG_STARTED, s, leg.queueId, agentId, at);
    started.answeredAt = at;
    facts.add(started);
  }

  private static LegProgress connectedLeg(ContactState s, InteractionEvent e, long at)
      throws ImpossibleTransition {
    LegProgress leg = s.leg(e.getAgentId());
    if (leg == null) {
      throw new ImpossibleTransition(
          e.getType() + " by " + e.getAgentId() + " who has no leg of this contact open");
    }
    if (!leg.connected()) {
      throw new ImpossibleTransition(
          e.getType() + " by " + e.getAgentId() + " after the conversation ended");
    }
    notBefore(
        at,
        Math.max(leg.answeredAt, leg.holdStartedAt),
        e.getType() + " after the leg's last step");
    return leg;
  }

  private static void holdStarted(LegProgress leg, long at) throws ImpossibleTransition {
    if (leg.onHold()) {
      throw new ImpossibleTransition("HOLD_STARTED while already on hold");
    }
    leg.holdStartedAt = at;
    leg.holdCount++;
  }

  private static void holdEnded(ContactState s, InteractionEvent e, long at)
      throws ImpossibleTransition {
    LegProgress leg = connectedLeg(s, e, at);
    if (!leg.onHold()) {
      throw new ImpossibleTransition("HOLD_ENDED with no hold started");
    }
    leg.holdMs += at - leg.holdStartedAt;
    leg.holdStartedAt = -1;
  }

  /** The conversation ends; a hold still open ends with it. */
  private static void endConnection(LegProgress leg, long at) {
    if (leg.onHold()) {
      leg.holdMs += at - leg.holdStartedAt;
      leg.holdStartedAt = -1;
    }
    leg.connectedEndAt = at;
  }

  private static void transferred(ContactState s, LegProgress leg, InteractionEvent e, long at) {
    endConnection(leg, at);
    leg.transferred = true;
    if (e.getTargetAgentId() != null && e.getTargetQueueId() == null) {
      s.pendingAgent = e.getTargetAgentId();
      s.pendingAgentQueueId = leg.queueId;
    }
    // A transfer to a queue shows up as the QUEUED event that follows it.
  }

  private static void wrapupEnded(
      ContactState s, InteractionEvent e, long at, List<ContactFact> facts)
      throws ImpossibleTransition {
    LegProgress leg = s.leg(e.getAgentId());
    if (leg == null) {
      throw new ImpossibleTransition(
          "WRAPUP_ENDED by " + e.getAgentId() + " who has no leg of this contact open");
    }
    if (leg.connected()) {
      notBefore(
          at,
          Math.max(leg.answeredAt, leg.holdStartedAt),
          "WRAPUP_ENDED after the leg's last step");
      endConnection(leg, at); // no TALK_ENDED seen: the conversation ends with the wrap-up, acw 0
    }
    notBefore(at, leg.connectedEndAt, "after-contact work");
    ContactFact f = ContactFact.of(FactKind.LEG, s, leg.queueId, leg.agentId, at);
    f.answeredAt = leg.answeredAt;
    f.holdMs = leg.holdMs;
    f.holdCount = leg.holdCount;
    f.talkMs = leg.connectedEndAt - leg.answeredAt - leg.holdMs;
    f.acwMs = at - leg.connectedEndAt;
    f.transferred = leg.transferred;
    f.callback = leg.callback;
    facts.add(f);
    s.removeLeg(leg);
    s.legsCompleted++;
    s.transfers += leg.transferred ? 1 : 0;
    s.holds += leg.holdCount;
    s.holdMs += leg.holdMs;
    s.handleMs += f.handleMs();
    s.lastWrapupAt = Math.max(s.lastWrapupAt, at);
  }
}
