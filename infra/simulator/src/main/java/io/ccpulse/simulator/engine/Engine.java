package io.ccpulse.simulator.engine;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionType;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.CenterLayout;
import io.ccpulse.simulator.model.ContactQueue;
import io.ccpulse.simulator.model.PlannedState;
import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.model.Shift;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The discrete-event contact center. Arrivals, patience timers, leg steps and shift changes are
 * actions on a {@link Timeline}; running one emits events at the current time, so the output is in
 * event-time order. Arrivals stop at the end of the window; open contacts then run to completion
 * and agents log out once nothing they serve is waiting.
 */
public final class Engine {
  final Scenario scenario;
  final boolean erlang;
  final Timeline timeline = new Timeline();
  final EventSink sink;
  final EventFactory events;
  final Ids ids;

  /** Behaviour randomness. */
  final Rng rng;

  /** Fault decisions on their own stream, so faults never change the simulated behaviour. */
  final Rng faultRng;

  final Map<String, QueueRt> queues = new LinkedHashMap<>();
  final List<AgentRt> agents = new ArrayList<>();
  final long windowEnd;
  private final long tooLateCutoff;
  final EngineStats stats = new EngineStats();
  final Shifts shifts;
  final Legs legs;
  private final CallbacksRt callbacks;
  private final Map<String, ArrivalProcess> arrivals;

  /**
   * The scenario's understaffing stretch, or null: then nothing about it runs or draws randomness.
   */
  private final UnderstaffingRt understaffing;

  /**
   * Builds the center (layout, shifts, arrival rates) for a scenario; {@link #run()} simulates it.
   */
  public Engine(Scenario scenario, EventSink sink) {
    this.scenario = scenario;
    this.erlang = scenario.erlangA() != null;
    this.sink = sink;
    this.ids = new Ids(Ids.runTag(scenario.seed(), scenario.start().toEpochMilli()));
    this.events = new EventFactory(ids);
    this.rng = Rng.derive(scenario.seed(), "behaviour");
    this.faultRng = Rng.derive(scenario.seed(), "engine-faults");
    this.windowEnd = scenario.end().toEpochMilli();
    // Too-late contacts must finish, survey included, well before the stream ends: only events
    // followed by plenty of on-time traffic are certain to be behind the pipeline's watermark.
    this.tooLateCutoff =
        windowEnd - scenario.faults().tooLateDelay(scenario.truth()).toMillis() - 3_600_000L;
    CenterLayout layout = LayoutFactory.build(scenario);
    for (ContactQueue q : layout.queues()) {
      queues.put(q.id(), new QueueRt(q, scenario.channel(q.channel())));
    }
    for (AgentProfile p : layout.agents()) {
      AgentRt a = new AgentRt(p, agents.size());
      for (String qid : p.queueIds()) {
        QueueRt q = queues.get(qid);
        a.queues.add(q);
        q.agents.add(a);
      }
      agents.add(a);
    }
    this.arrivals =
        ArrivalRates.plan(
            scenario, layout.queues(), layout.agents(), Rng.derive(scenario.seed(), "arrivals"));
    this.shifts = new Shifts(this);
    this.legs = new Legs(this);
    this.callbacks = new CallbacksRt(this);
    this.understaffing =
        scenario.understaffing() == null
            ? null
            : new UnderstaffingRt(this, scenario.understaffing());
  }

  /** Runs the whole simulation, emitting to the sink. */
  public EngineStats run() {
    for (AgentRt a : agents) {
      for (Shift shift : a.profile.shifts()) {
        timeline.at(shift.startMillis(), () -> shifts.login(a, shift));
        for (PlannedState s : shift.plannedStates()) {
          timeline.at(s.startMillis(), () -> shifts.planned(a, s));
        }
        timeline.at(shift.endMillis(), () -> shifts.shiftEnd(a));
      }
    }
    for (QueueRt q : queues.values()) {
      scheduleArrival(q, scenario.start().toEpochMilli());
    }
    if (understaffing != null) {
      understaffing.schedule();
    }
    while (!timeline.isEmpty()) {
      sink.advance(timeline.peekTime());
      timeline.poll().run();
    }
    stats.understaffing = understaffing == null ? null : understaffing.report();
    return stats;
  }

  long now() {
    return timeline.now();
  }

  private void scheduleArrival(QueueRt q, long after) {
    ArrivalProcess p = arrivals.get(q.def.id());
    long t = p == null ? -1 : p.next(after, rng);
    if (t >= 0 && t < windowEnd) {
      timeline.at(
          t,
          () -> {
            arrive(q, "cu-" + Long.toHexString(rng.nextLong() & 0xFFFFFFFFFFL), false);
            scheduleArrival(q, t);
          });
    }
  }

  /** A new contact by {@code customerId} arrives at {@code q}. */
  void arrive(QueueRt q, String customerId, boolean repeat) {
    Channel channel = q.def.channel();
    boolean eligible = channel != Channel.EMAIL && now() <= tooLateCutoff;
    boolean tooLate = eligible && faultRng.chance(scenario.faults().tooLateRate());
    ContactRt c = new ContactRt(ids.contact(), q.def.tenantId(), customerId, channel, tooLate);
    stats.contacts++;
    stats.repeatContacts += repeat ? 1 : 0;
    stats.tooLateEligible += eligible ? 1 : 0;
    stats.tooLateContacts += tooLate ? 1 : 0;
    enterQueue(c, q);
  }

  /** The contact starts waiting in {@code q} (on arrival or after a transfer), then is routed. */
  void enterQueue(ContactRt c, QueueRt q) {
    c.waitingIn = q;
    c.queuedAt = now();
    int number = ++c.waitNumber;
    q.enqueue(c);
    emit(c, events.interaction(c, InteractionType.QUEUED, now(), q.def.id(), null));
    long patience =
        erlang
            ? Math.round(rng.exponential(60_000.0 / scenario.erlangA().thetaPerMinute()))
            : q.profile.patience().sampleMillis(rng, 1, 1000);
    timeline.at(now() + patience, () -> abandon(c, q, number));
    AgentRt best = null;
    for (AgentRt a : q.agents) {
      if (a.canTake(q.profile)
          && !c.agentsOn.contains(a)
          && (best == null || a.preferredOver(best))) {
        best = a;
      }
    }
    if (best != null) {
      connect(c, q, best);
    } else {
      callbacks.maybeOffer(c, q, number);
    }
  }

  /** The customer's patience ran out; ignored if this wait already ended. */
  private void abandon(ContactRt c, QueueRt q, int number) {
    if (c.waitingIn != q || c.waitNumber != number) {
      return;
    }
    q.left();
    c.waitingIn = null;
    c.totalWaitMs += now() - c.queuedAt;
    stats.abandons++;
    emit(c, events.interaction(c, InteractionType.ABANDONED, now(), q.def.id(), null));
    if (!c.tooLate) {
      stats.impossibleBase++;
      if (faultRng.chance(scenario.faults().impossibleRate())) {
        // ANSWERED after ABANDONED: an agent "answers" a customer who already left.
        AgentRt ghost = q.agents.get(faultRng.index(q.agents.size()));
        long at = now() + faultRng.between(1000, 10_000);
        stats.impossibleInjected++;
        timeline.at(
            at,
            () ->
                sink.impossible(
                    EventStream.INTERACTIONS,
                    c.id,
                    events.impossible(c, InteractionType.ANSWERED, at, q.def.id(), ghost.id()),
                    at));
      }
    }
    legs.contactEnded(c, q, true);
  }

  /** Routes a waiting contact to an agent: the agent is reserved while it alerts, then answers. */
  void connect(ContactRt c, QueueRt q, AgentRt a) {
    q.left();
    c.waitingIn = null;
    reserve(c, a, q);
    long alert =
        erlang ? 0 : rng.between(q.profile.alertMin().toMillis(), q.profile.alertMax().toMillis());
    timeline.at(now() + alert, () -> legs.answer(c, q, a, true));
  }

  void reserve(ContactRt c, AgentRt a, QueueRt q) {
    c.agentsOn.add(a);
    a.legs++;
    if (q.profile.exclusive()) {
      a.exclusive = true;
    }
  }

  /** An available agent takes the longest-waiting contacts from its queues while it has room. */
  void pullWork(AgentRt a) {
    while (true) {
      ContactRt best = null;
      QueueRt bestQueue = null;
      for (QueueRt q : a.queues) {
        if (!a.canTake(q.profile)) {
          continue;
        }
        ContactRt head = q.head();
        // A contact this agent transferred is not routed back while the agent still wraps it up.
        if (head != null
            && !head.agentsOn.contains(a)
            && (best == null || head.queuedAt < best.queuedAt)) {
          best = head;
          bestQueue = q;
        }
        ContactRt callback = q.callbackHead();
        if (callback != null
            && !callback.agentsOn.contains(a)
            && (best == null || callback.queuedAt < best.queuedAt)) {
          best = callback;
          bestQueue = q;
        }
      }
      if (best == null) {
        return;
      }
      if (best.waitingIn == bestQueue) {
        connect(best, bestQueue, a);
      } else {
        callbacks.dial(best, bestQueue, a);
      }
    }
  }

  void emit(ContactRt c, SpecificRecord event) {
    stats.endMillis = now();
    sink.event(EventStream.INTERACTIONS, c.id, event, now(), c.tooLate);
  }

  void emitState(AgentRt a, AgentState state) {
    if (understaffing != null) {
      understaffing.stateChanging(a, state);
    }
    a.state = state;
    stats.endMillis = now();
    sink.event(EventStream.AGENT_STATES, a.id(), events.agentState(a, state, now()), now(), false);
  }
}
