package io.ccpulse.simulator.truth;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.truth.ContactState.Leg;
import io.ccpulse.simulator.truth.ContactState.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Computes the ground truth (docs/metrics.md) from the events the pipeline is expected to accept,
 * fed in event-time order.
 *
 * <p>Deliberately independent of the Flink job: it shares no metric code with it, so a mistake
 * cannot hide in both. It is strict: an event that breaks the life of a contact throws, because its
 * input is the simulator's clean stream (faults never reach it) and a violation is a bug.
 */
public final class TruthCalculator {
  private final long[] sizes;
  private final long serviceLevelMs;
  private final long shortAbandonMs;
  private final Entities entities;
  private final Map<String, ContactState> contacts = new HashMap<>();

  /** Every contact fact, when asked for (they take memory in proportion to the day); else null. */
  private final List<ContactFactTruth> facts;

  /** Every conversation, when contact facts are asked for; else null. */
  private final List<ContactResolutionTruth> resolutions;

  private long lastTime = Long.MIN_VALUE;

  /** A calculator for the settings' interval sizes and thresholds. */
  public TruthCalculator(TruthSettings settings) {
    this(settings, false);
  }

  /**
   * @param keepContactFacts also keep every contact's facts ({@link #contactFacts})
   */
  public TruthCalculator(TruthSettings settings, boolean keepContactFacts) {
    this.facts = keepContactFacts ? new ArrayList<>() : null;
    this.resolutions = keepContactFacts ? new ArrayList<>() : null;
    this.sizes = settings.allIntervals().stream().mapToLong(Duration::toMillis).toArray();
    this.serviceLevelMs = settings.serviceLevelThreshold().toMillis();
    this.shortAbandonMs = settings.shortAbandonThreshold().toMillis();
    this.entities =
        new Entities(
            sizes,
            settings.intervals().stream().mapToLong(Duration::toMillis).toArray(),
            settings.agentTimeIntervals().stream().mapToLong(Duration::toMillis).toArray(),
            settings.agentIntervals().stream().mapToLong(Duration::toMillis).toArray());
  }

  /** Accepts an {@link InteractionEvent}, {@link AgentStateEvent} or {@link SurveyEvent}. */
  public void accept(SpecificRecord event) {
    if (event instanceof InteractionEvent e) {
      interaction(e);
    } else if (event instanceof AgentStateEvent e) {
      agentState(e);
    } else if (event instanceof SurveyEvent e) {
      survey(e);
    } else {
      throw new IllegalArgumentException("not an event: " + event.getClass().getName());
    }
  }

  /** An agent state change; events of all kinds must come in event-time order. */
  public void agentState(AgentStateEvent e) {
    long t = time(e.getOccurredAt().toEpochMilli());
    entities.clock(e.getTenantId(), e.getAgentId()).state(t, e.getState());
  }

  /** A survey response, counted for the agent, queue and channel it names. */
  public void survey(SurveyEvent e) {
    long t = time(e.getOccurredAt().toEpochMilli());
    Channel channel = e.getChannel();
    if (e.getQueueId() == null) {
      throw new IllegalStateException("survey " + e.getEventId() + " has no queue_id");
    }
    int csat = e.getCsat();
    if (csat < 1 || csat > 5) {
      throw new IllegalStateException(
          "survey " + e.getEventId() + " has csat " + csat + " outside 1..5");
    }
    Integer nps = e.getNps();
    if (nps != null && (nps < 0 || nps > 10)) {
      throw new IllegalStateException(
          "survey " + e.getEventId() + " has nps " + nps + " outside 0..10");
    }
    for (Entity x :
        new Entity[] {
          entities.agent(e.getTenantId(), e.getAgentId(), channel),
          entities.queue(e.getTenantId(), e.getQueueId(), channel),
          entities.tenantChannel(e.getTenantId(), channel)
        }) {
      x.add(Figure.CSAT_RESPONSES, t, 1);
      x.add(Figure.CSAT_SUM, t, csat);
      x.add(Figure.CSAT_SATISFIED, t, csat >= 4 ? 1 : 0);
      if (nps != null) {
        x.add(Figure.NPS_RESPONSES, t, 1);
        x.add(Figure.NPS_PROMOTERS, t, nps >= 9 ? 1 : 0);
        x.add(Figure.NPS_DETRACTORS, t, nps <= 6 ? 1 : 0);
      }
    }
    fact(
        new ContactFactTruth(
            "SURVEY",
            e.getTenantId(),
            e.getInteractionId(),
            t,
            channel,
            e.getQueueId(),
            e.getAgentId(),
            null,
            0,
            0,
            0,
            0,
            0,
            0,
            false,
            false,
            csat));
  }

  /** The facts of every contact, in the order they happened; empty unless asked for. */
  public List<ContactFactTruth> contactFacts() {
    return facts == null ? List.of() : List.copyOf(facts);
  }

  /** Every contact with a completed leg, in the order they finished; empty unless asked for. */
  public List<ContactResolutionTruth> contactResolutions() {
    return resolutions == null ? List.of() : List.copyOf(resolutions);
  }

  private void fact(ContactFactTruth f) {
    if (facts != null) {
      facts.add(f);
    }
  }

  /** One step of a contact; throws if it cannot follow what the contact already did. */
  public void interaction(InteractionEvent e) {
    long t = time(e.getOccurredAt().toEpochMilli());
    ContactState c = contacts.get(e.getInteractionId());
    if (c == null) {
      c = new ContactState(e.getTenantId(), e.getChannel(), e.getCustomerId());
      contacts.put(e.getInteractionId(), c);
    }
    switch (e.getType()) {
      case QUEUED -> queued(c, e, t, !c.everQueued);
      case ABANDONED -> abandoned(c, e, t);
      case ANSWERED -> answered(c, e, t);
      case HOLD_STARTED -> holdStarted(leg(c, e), e, t);
      case HOLD_ENDED -> holdEnded(leg(c, e), e, t);
      case TRANSFERRED -> transferred(c, leg(c, e), e, t);
      case TALK_ENDED -> endConnected(leg(c, e), e, t);
      case WRAPUP_ENDED -> wrapupEnded(c, leg(c, e), e, t);
      case CALLBACK_REQUESTED -> callbackRequested(c, e, t);
      case CALLBACK_DIALED -> callbackDialed(c, e, t);
      default -> throw bad(e, "unknown type");
    }
    if (c.finished()) {
      contacts.remove(e.getInteractionId());
      resolved(c, e.getInteractionId());
    }
  }

  /** A contact is over: its conversation, if an agent completed a leg of it. */
  private void resolved(ContactState c, String interactionId) {
    if (resolutions == null || c.legsDone == 0) {
      return;
    }
    resolutions.add(
        new ContactResolutionTruth(
            c.tenantId,
            interactionId,
            c.channel,
            c.firstLegQueue,
            c.customerId,
            c.startedAt,
            c.lastWrapup,
            c.legsDone,
            c.transfers,
            c.holds,
            c.holdMs,
            c.handleMs,
            c.abandoned));
  }

  /** Credits agent time up to the last event and returns every row with data, in file order. */
  public List<TruthRow> finish() {
    if (lastTime != Long.MIN_VALUE) {
      entities.advanceClocks(lastTime);
    }
    return entities.rows();
  }

  /** Contacts with a wait or a leg still open (0 after a complete simulation). */
  public int openContacts() {
    return contacts.size();
  }

  private void queued(ContactState c, InteractionEvent e, long t, boolean first) {
    if (e.getQueueId() == null) {
      throw bad(e, "QUEUED without queue_id");
    }
    boolean transferIn = c.queueTransferPending;
    if (c.wait != null) {
      // Moved to another queue while still waiting: the old wait ends unanswered.
      for (Entity x : new Entity[] {c.wait.queue(), c.wait.tenant()}) {
        x.add(Figure.OFFERED, t, 1);
        x.add(Figure.MOVED_UNANSWERED, t, 1);
      }
      fact(
          ContactFactTruth.queueFact(
              "MOVED_UNANSWERED",
              c,
              e.getInteractionId(),
              t,
              c.wait.queueId(),
              null,
              t - c.wait.since()));
      transferIn = true;
    }
    c.queueTransferPending = false;
    Entity queue = entities.queue(c.tenantId, e.getQueueId(), c.channel);
    Entity tenant = entities.tenantChannel(c.tenantId, c.channel);
    Figure arrival = transferIn ? Figure.TRANSFERRED_IN : Figure.ENTERED;
    queue.add(arrival, t, 1);
    tenant.add(arrival, t, 1);
    // The pipeline calls every entry after the contact's first one a transfer in.
    fact(
        ContactFactTruth.queueFact(
            first ? "ARRIVED" : "TRANSFERRED_IN",
            c,
            e.getInteractionId(),
            t,
            e.getQueueId(),
            null,
            0));
    c.everQueued = true;
    c.wait = new Wait(e.getQueueId(), t, queue, tenant);
    if (c.startedAt < 0) {
      c.startedAt = t;
    }
  }

  private void abandoned(ContactState c, InteractionEvent e, long t) {
    if (c.wait == null) {
      throw bad(e, "ABANDONED without an open wait");
    }
    long waited = t - c.wait.since();
    for (Entity x : new Entity[] {c.wait.queue(), c.wait.tenant()}) {
      x.add(Figure.OFFERED, t, 1);
      x.add(Figure.ABANDONED, t, 1);
      x.add(Figure.ABANDON_TIME_MS, t, waited);
      x.add(Figure.SHORT_ABANDONED, t, waited < shortAbandonMs ? 1 : 0);
    }
    fact(
        ContactFactTruth.queueFact(
            "ABANDONED", c, e.getInteractionId(), t, c.wait.queueId(), null, waited));
    c.wait = null;
    c.abandoned = true;
  }

  private void answered(ContactState c, InteractionEvent e, long t) {
    String agent = e.getAgentId();
    if (agent == null) {
      throw bad(e, "ANSWERED without agent_id");
    }
    if (c.leg(agent) != null) {
      throw bad(e, "agent already has an open leg on this contact");
    }
    String queueId;
    boolean callback = false;
    if (c.wait != null) {
      queueId = c.wait.queueId();
      long waited = t - c.wait.since();
      for (Entity x : new Entity[] {c.wait.queue(), c.wait.tenant()}) {
        x.add(Figure.OFFERED, t, 1);
        x.add(Figure.ANSWERED, t, 1);
        x.add(Figure.WAIT_ANSWERED_MS, t, waited);
        x.max(Figure.WAIT_MAX_MS, t, waited);
        x.add(Figure.ANSWERED_WITHIN_SL, t, waited <= serviceLevelMs ? 1 : 0);
      }
      fact(
          ContactFactTruth.queueFact(
              "ANSWERED", c, e.getInteractionId(), t, queueId, agent, waited));
      c.wait = null;
    } else if (agent.equals(c.callbackAgent)) {
      queueId = c.callbackAgentQueue;
      c.callbackAgent = null;
      c.callbackAgentQueue = null;
      callback = true;
    } else if (agent.equals(c.directAgent)) {
      queueId = c.directQueue;
      c.directAgent = null;
      c.directQueue = null;
    } else if (e.getQueueId() != null) {
      queueId = e.getQueueId();
    } else {
      throw bad(e, "ANSWERED with no wait, no direct transfer and no queue_id");
    }
    if (c.startedAt < 0) {
      c.startedAt = t;
    }
    if (c.firstLegQueue == null) {
      c.firstLegQueue = queueId;
    }
    AgentClock clock = entities.clock(c.tenantId, agent);
    clock.legOpened(t);
    Leg leg =
        new Leg(
            agent,
            queueId,
            t,
            entities.agent(c.tenantId, agent, c.channel),
            entities.queue(c.tenantId, queueId, c.channel),
            entities.tenantChannel(c.tenantId, c.channel),
            clock);
    leg.callback = callback;
    c.legs.add(leg);
  }

  /** The wait ends with a request to be called back: offered, neither answered nor abandoned. */
  private void callbackRequested(ContactState c, InteractionEvent e, long t) {
    if (c.wait == null || !c.wait.queueId().equals(e.getQueueId())) {
      throw bad(e, "CALLBACK_REQUESTED without an open wait in its queue");
    }
    for (Entity x : new Entity[] {c.wait.queue(), c.wait.tenant()}) {
      x.add(Figure.OFFERED, t, 1);
      x.add(Figure.CALLBACKS_REQUESTED, t, 1);
    }
    fact(
        ContactFactTruth.queueFact(
            "CALLBACK_REQUESTED",
            c,
            e.getInteractionId(),
            t,
            c.wait.queueId(),
            null,
            t - c.wait.since()));
    c.callbackQueue = c.wait.queueId();
    c.callbackSince = t;
    c.wait = null;
  }

  /** An agent takes the pending callback and dials: the callback's wait ends. */
  private void callbackDialed(ContactState c, InteractionEvent e, long t) {
    if (c.callbackQueue == null || e.getAgentId() == null) {
      throw bad(e, "CALLBACK_DIALED with no callback pending or no agent_id");
    }
    long waited = t - c.callbackSince;
    for (Entity x :
        new Entity[] {
          entities.queue(c.tenantId, c.callbackQueue, c.channel),
          entities.tenantChannel(c.tenantId, c.channel)
        }) {
      x.add(Figure.CALLBACKS_DIALED, t, 1);
      x.add(Figure.CALLBACK_WAIT_MS, t, waited);
    }
    fact(
        ContactFactTruth.queueFact(
            "CALLBACK_DIALED",
            c,
            e.getInteractionId(),
            t,
            c.callbackQueue,
            e.getAgentId(),
            waited));
    c.callbackAgent = e.getAgentId();
    c.callbackAgentQueue = c.callbackQueue;
    c.callbackQueue = null;
  }

  private void holdStarted(Leg leg, InteractionEvent e, long t) {
    if (leg.holdSince >= 0 || leg.connectedEnd >= 0) {
      throw bad(e, "HOLD_STARTED while on hold or after talk ended");
    }
    leg.holdSince = t;
    leg.holdCount++;
  }

  private void holdEnded(Leg leg, InteractionEvent e, long t) {
    if (leg.holdSince < 0) {
      throw bad(e, "HOLD_ENDED with no open hold");
    }
    leg.holdMs += t - leg.holdSince;
    leg.holdSince = -1;
  }

  private void transferred(ContactState c, Leg leg, InteractionEvent e, long t) {
    endConnected(leg, e, t);
    leg.transferredOut = true;
    if (e.getTargetAgentId() != null) {
      c.directAgent = e.getTargetAgentId();
      c.directQueue = leg.queueId;
    } else if (e.getTargetQueueId() != null) {
      c.queueTransferPending = true;
    } else {
      throw bad(e, "TRANSFERRED without a target");
    }
  }

  /** TALK_ENDED or TRANSFERRED: the connected part of the leg ends; an open hold ends with it. */
  private void endConnected(Leg leg, InteractionEvent e, long t) {
    if (leg.connectedEnd >= 0) {
      throw bad(e, "talk already ended on this leg");
    }
    if (leg.holdSince >= 0) {
      leg.holdMs += t - leg.holdSince;
      leg.holdSince = -1;
    }
    leg.connectedEnd = t;
  }

  private void wrapupEnded(ContactState c, Leg leg, InteractionEvent e, long t) {
    if (leg.connectedEnd < 0) {
      endConnected(leg, e, t);
    }
    long connected = leg.connectedEnd - leg.answeredAt;
    long talk = connected - leg.holdMs;
    long acw = t - leg.connectedEnd;
    for (Entity x : new Entity[] {leg.agent, leg.queue, leg.tenant}) {
      x.add(Figure.HANDLED, t, 1);
      x.add(Figure.TALK_MS, t, talk);
      x.add(Figure.HOLD_MS, t, leg.holdMs);
      x.add(Figure.ACW_MS, t, acw);
      x.add(Figure.HANDLE_MS, t, talk + leg.holdMs + acw);
      x.add(Figure.HOLD_COUNT, t, leg.holdCount);
      x.add(Figure.HELD_CONTACTS, t, leg.holdCount > 0 ? 1 : 0);
      x.add(Figure.TRANSFERRED_OUT, t, leg.transferredOut ? 1 : 0);
      x.add(Figure.CALLBACKS_HANDLED, t, leg.callback ? 1 : 0);
    }
    fact(
        new ContactFactTruth(
            "LEG",
            c.tenantId,
            e.getInteractionId(),
            t,
            c.channel,
            leg.queueId,
            leg.agentId,
            c.customerId,
            leg.answeredAt,
            0,
            talk,
            leg.holdMs,
            leg.holdCount,
            acw,
            leg.transferredOut,
            leg.callback,
            0));
    leg.clock.legClosed(t);
    c.legs.remove(leg);
    c.legsDone++;
    c.transfers += leg.transferredOut ? 1 : 0;
    c.holds += leg.holdCount;
    c.holdMs += leg.holdMs;
    c.handleMs += talk + leg.holdMs + acw;
    c.lastWrapup = Math.max(c.lastWrapup, t);
  }

  private Leg leg(ContactState c, InteractionEvent e) {
    if (e.getAgentId() == null) {
      throw bad(e, e.getType() + " without agent_id");
    }
    Leg leg = c.leg(e.getAgentId());
    if (leg == null) {
      throw bad(e, "no open leg for agent " + e.getAgentId());
    }
    return leg;
  }

  private long time(long t) {
    if (t < lastTime) {
      throw new IllegalArgumentException(
          "truth input must be in event-time order: " + t + " after " + lastTime);
    }
    lastTime = t;
    return t;
  }

  private static IllegalStateException bad(InteractionEvent e, String why) {
    return new IllegalStateException(
        why
            + ": "
            + e.getType()
            + " "
            + e.getEventId()
            + " of contact "
            + e.getInteractionId()
            + " at "
            + e.getOccurredAt());
  }
}
