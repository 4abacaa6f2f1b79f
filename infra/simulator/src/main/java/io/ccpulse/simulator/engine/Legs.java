package io.ccpulse.simulator.engine;

import io.ccpulse.events.DisconnectParty;
import io.ccpulse.events.InteractionType;
import io.ccpulse.simulator.model.ChannelProfile;
import io.ccpulse.simulator.output.EventStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The life of a leg: answer, talk with 0..n holds, then a transfer (to a queue or straight to an
 * agent) or the end of talk, then after-contact work. After the last leg: maybe a survey, maybe a
 * repeat contact by the same customer hours later.
 */
final class Legs {
  private static final long MAX_TALK_MS = 2 * 3_600_000L;
  private static final String[] WRAPUP_CODES = {
    "resolved", "resolved", "resolved", "follow-up", "info-given", "sale", "escalated", "no-action"
  };

  private final Engine e;
  private final Surveys surveys;

  Legs(Engine e) {
    this.e = e;
    this.surveys = new Surveys(e);
  }

  /**
   * The agent answers. {@code q} is the leg's queue: the one waited in, or the transferring leg's.
   */
  void answer(ContactRt c, QueueRt q, AgentRt a, boolean fromQueue) {
    long now = e.now();
    if (fromQueue) {
      c.totalWaitMs += now - c.queuedAt;
    }
    e.stats.legs++;
    e.emit(c, e.events.interaction(c, InteractionType.ANSWERED, now, q.def.id(), a.id()));
    ChannelProfile p = q.profile;
    double factor = q.def.durationFactor() * a.pace.talk();
    long talk =
        e.erlang
            ? Math.round(e.rng.exponential(60_000.0 / e.scenario.erlangA().muPerMinute()))
            // At most 2 h: the lognormal's far tail would make a leg silent for longer than a
            // pipeline's incomplete-leg timeout (4 h by default), which no real conversation is.
            : Math.min(p.talk().sampleMillis(e.rng, factor, 5000), MAX_TALK_MS);
    int holds = 0;
    if (!e.erlang && e.rng.chance(p.holdProbability())) {
      holds = 1;
      while (holds < 4 && e.rng.chance(p.moreHoldsProbability())) {
        holds++;
      }
      holds = (int) Math.min(holds, talk / 2000 - 1);
      holds = Math.max(holds, 0);
    }
    long[] segments = split(talk, holds + 1);
    long[] starts = new long[holds];
    long[] ends = new long[holds];
    long t = now;
    for (int i = 0; i < holds; i++) {
      t += segments[i];
      starts[i] = t;
      t += p.hold().sampleMillis(e.rng, 1, 3000);
      ends[i] = t;
    }
    LegRt leg = new LegRt(this, c, q, a, now, starts, ends, t + segments[holds]);
    schedule(leg);
    if (!c.tooLate) {
      e.stats.impossibleBase++;
      if (e.faultRng.chance(e.scenario.faults().impossibleRate())) {
        // HOLD_ENDED with no hold open: in the middle of the first talk segment.
        long at = now + segments[0] / 2;
        e.stats.impossibleInjected++;
        e.timeline.at(
            at,
            () ->
                e.sink.impossible(
                    EventStream.INTERACTIONS,
                    c.id,
                    e.events.impossible(c, InteractionType.HOLD_ENDED, at, q.def.id(), a.id()),
                    at));
      }
    }
  }

  /** Splits {@code total} into {@code n} random parts of at least 1 s each where possible. */
  private long[] split(long total, int n) {
    long[] parts = new long[n];
    if (n == 1) {
      parts[0] = total;
      return parts;
    }
    long free = total - n * 1000L;
    double[] cuts = new double[n - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = e.rng.uniform();
    }
    Arrays.sort(cuts);
    long used = 0;
    for (int i = 0; i < n - 1; i++) {
      long end = Math.round(free * cuts[i]);
      parts[i] = 1000 + end - used;
      used = end;
    }
    parts[n - 1] = 1000 + free - used;
    return parts;
  }

  void schedule(LegRt leg) {
    e.timeline.at(leg.nextTime(), leg);
  }

  void step(LegRt leg, InteractionType type) {
    e.emit(
        leg.contact,
        e.events.interaction(leg.contact, type, e.now(), leg.queue.def.id(), leg.agent.id()));
  }

  /** Talk ends: a transfer, or the conversation is over. Then after-contact work. */
  void endTalk(LegRt leg) {
    ContactRt c = leg.contact;
    ChannelProfile p = leg.queue.profile;
    String queue = leg.queue.def.id();
    String agent = leg.agent.id();
    long now = e.now();
    double transferChance = p.transferProbability() * leg.agent.pace.transfer();
    boolean transferred = false;
    if (!e.erlang && c.transfers < 2 && e.rng.chance(transferChance)) {
      AgentRt target = e.rng.chance(p.directTransferShare()) ? directTarget(leg) : null;
      if (target != null) {
        e.emit(c, e.events.transferred(c, now, queue, agent, null, target.id()));
        e.reserve(c, target, leg.queue);
        long alert = e.rng.between(p.alertMin().toMillis(), p.alertMax().toMillis());
        e.timeline.at(now + alert, () -> answer(c, leg.queue, target, false));
        transferred = true;
      } else {
        QueueRt tq = transferQueue(leg);
        if (tq != null) {
          e.emit(c, e.events.transferred(c, now, queue, agent, tq.def.id(), null));
          e.enterQueue(c, tq);
          transferred = true;
        }
      }
    }
    if (transferred) {
      c.transfers++;
      e.stats.transfers++;
    } else {
      double r = e.rng.uniform();
      DisconnectParty party =
          r < 0.7
              ? DisconnectParty.CUSTOMER
              : r < 0.98 ? DisconnectParty.AGENT : DisconnectParty.SYSTEM;
      e.emit(c, e.events.talkEnded(c, now, queue, agent, party));
    }
    long acw = e.erlang ? 0 : p.acw().sampleMillis(e.rng, leg.agent.pace.acw(), 2000);
    boolean last = !transferred;
    e.timeline.at(now + acw, () -> wrapup(leg, last));
  }

  private void wrapup(LegRt leg, boolean last) {
    ContactRt c = leg.contact;
    AgentRt a = leg.agent;
    long now = e.now();
    String code = last ? WRAPUP_CODES[e.rng.index(WRAPUP_CODES.length)] : "transferred";
    e.emit(c, e.events.wrapupEnded(c, now, leg.queue.def.id(), a.id(), code));
    a.legs--;
    c.agentsOn.remove(a);
    if (leg.queue.profile.exclusive()) {
      a.exclusive = false;
    }
    long handle = now - leg.answeredAt;
    boolean demanding =
        handle > 2 * leg.queue.profile.meanHandleMillis() * leg.queue.def.durationFactor();
    if (last) {
      surveys.maybeSurvey(c, leg, handle);
      contactEnded(c, leg.queue, false);
    }
    e.shifts.legDone(a, demanding);
  }

  /** The contact is over; the customer may come back within hours about the same matter. */
  void contactEnded(ContactRt c, QueueRt q, boolean abandoned) {
    if (e.erlang) {
      return;
    }
    double chance =
        Math.min(0.9, e.scenario.repeatShare() * (abandoned ? 3 : c.transfers > 0 ? 1.5 : 1));
    if (!e.rng.chance(chance)) {
      return;
    }
    long at = e.now() + Math.max(Math.round(e.rng.lognormal(2 * 3_600_000.0, 0.8)), 600_000);
    if (at >= e.windowEnd) {
      return;
    }
    QueueRt target = q;
    if (e.rng.chance(0.2)) {
      List<QueueRt> tenantQueues = tenantQueues(c.tenantId, null);
      target = tenantQueues.get(e.rng.index(tenantQueues.size()));
    }
    QueueRt chosen = target;
    e.timeline.at(at, () -> e.arrive(chosen, c.customerId, true));
  }

  /** An available agent on another queue of the same tenant and channel, longest idle first. */
  private AgentRt directTarget(LegRt leg) {
    AgentRt best = null;
    for (QueueRt q : tenantQueues(leg.contact.tenantId, leg.queue)) {
      for (AgentRt a : q.agents) {
        if (!leg.contact.agentsOn.contains(a)
            && a.canTake(leg.queue.profile)
            && (best == null || a.preferredOver(best))) {
          best = a;
        }
      }
    }
    return best;
  }

  /** Another staffed queue of the same tenant and channel, or null. */
  private QueueRt transferQueue(LegRt leg) {
    List<QueueRt> candidates = new ArrayList<>();
    for (QueueRt q : tenantQueues(leg.contact.tenantId, leg.queue)) {
      if (q != leg.queue && q.loggedIn > 0) {
        candidates.add(q);
      }
    }
    return candidates.isEmpty() ? null : candidates.get(e.rng.index(candidates.size()));
  }

  /** Queues of a tenant; with {@code sameChannelAs}, only those on its channel. */
  private List<QueueRt> tenantQueues(String tenantId, QueueRt sameChannelAs) {
    List<QueueRt> out = new ArrayList<>();
    for (QueueRt q : e.queues.values()) {
      if (q.def.tenantId().equals(tenantId)
          && (sameChannelAs == null || q.def.channel() == sameChannelAs.def.channel())) {
        out.add(q);
      }
    }
    return out;
  }
}
