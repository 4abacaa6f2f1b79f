package io.ccpulse.simulator.engine;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionType;
import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.scenario.CallbackSettings;

/**
 * Callbacks in the simulated center (docs/metrics.md §4a): a voice caller facing a long estimated
 * wait is offered a callback, some accept (the wait ends with CALLBACK_REQUESTED), and once the
 * caller has hung up the callback waits in the queue at the caller's old place until an agent takes
 * it (CALLBACK_DIALED), rings the customer and talks (ANSWERED, then a leg like any other).
 */
final class CallbacksRt {
  private static final long RING_MIN_MS = 4_000;
  private static final long RING_MAX_MS = 20_000;

  private final Engine e;
  private final CallbackSettings settings;

  /** Offers, acceptance and ringing draw from their own stream. */
  private final Rng rng;

  CallbacksRt(Engine e) {
    this.e = e;
    this.settings = e.scenario.callbacks();
    this.rng = Rng.derive(e.scenario.seed(), "callbacks");
  }

  /**
   * A caller who found no agent free: the estimated wait, (contacts ahead + 1) × the queue's mean
   * handle time / agents logged in on it, decides the offer.
   */
  void maybeOffer(ContactRt c, QueueRt q, int waitNumber) {
    if (!settings.on() || e.erlang || c.channel != Channel.VOICE) {
      return;
    }
    double handle = q.profile.meanHandleMillis() * q.def.durationFactor();
    double estimate = q.waitingCount() * handle / Math.max(1, q.loggedIn);
    if (estimate <= settings.offerAbove().toMillis()) {
      return;
    }
    e.timeline.at(
        e.now() + settings.announce().toMillis(),
        () -> {
          if (c.waitingIn == q && c.waitNumber == waitNumber) {
            e.stats.callbacksOffered++;
            if (rng.chance(settings.acceptShare())) {
              request(c, q);
            }
          }
        });
  }

  private void request(ContactRt c, QueueRt q) {
    q.left();
    c.waitingIn = null;
    c.totalWaitMs += e.now() - c.queuedAt;
    q.callbacksOwed++;
    e.stats.callbacksRequested++;
    e.emit(
        c, e.events.interaction(c, InteractionType.CALLBACK_REQUESTED, e.now(), q.def.id(), null));
    e.timeline.at(e.now() + settings.minDelay().toMillis(), () -> due(c, q));
  }

  /** The caller has hung up: the callback can be dialed, by an agent free now or the next one. */
  private void due(ContactRt c, QueueRt q) {
    q.callbacks.add(c);
    AgentRt best = null;
    for (AgentRt a : q.agents) {
      if (a.canTake(q.profile)
          && !c.agentsOn.contains(a)
          && (best == null || a.preferredOver(best))) {
        best = a;
      }
    }
    if (best != null) {
      dial(c, q, best);
    }
  }

  /** Agent {@code a} takes the callback: reserved while the customer's phone rings. */
  void dial(ContactRt c, QueueRt q, AgentRt a) {
    q.callbacks.remove(c);
    q.callbacksOwed--;
    e.reserve(c, a, q);
    e.stats.callbacksDialed++;
    e.emit(
        c, e.events.interaction(c, InteractionType.CALLBACK_DIALED, e.now(), q.def.id(), a.id()));
    long ring = rng.between(RING_MIN_MS, RING_MAX_MS);
    e.timeline.at(e.now() + ring, () -> e.legs.answer(c, q, a, false));
  }
}
