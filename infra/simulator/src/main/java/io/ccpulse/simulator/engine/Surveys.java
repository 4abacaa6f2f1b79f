package io.ccpulse.simulator.engine;

import io.ccpulse.simulator.model.Rng;
import io.ccpulse.simulator.output.EventStream;

/**
 * CSAT surveys: a share of completed contacts get a response minutes later. Scores drop after long
 * waits, transfers, very long contacts and tired strained agents, as survey studies find.
 */
final class Surveys {
  private static final long MAX_DELAY = 30 * 60_000;

  /** The share of surveys that also ask how likely the customer is to recommend (0..10). */
  private static final double NPS_SHARE = 0.6;

  private final Engine e;

  Surveys(Engine e) {
    this.e = e;
  }

  void maybeSurvey(ContactRt c, LegRt leg, long handleMs) {
    if (e.erlang || !e.rng.chance(leg.queue.profile.csatShare())) {
      return;
    }
    double mean = 4.3;
    if (c.totalWaitMs > 3 * e.scenario.truth().serviceLevelThreshold().toMillis()) {
      mean -= 0.8;
    }
    mean -= 0.5 * c.transfers;
    if (handleMs > 2 * leg.queue.profile.meanHandleMillis()) {
      mean -= 0.3;
    }
    AgentRt a = leg.agent;
    mean -= a.pace.csatDrop();
    if (e.now() - a.shiftStartedAt > 6 * 3_600_000L) {
      mean -= a.pace.tiredCsatDrop();
    }
    int csat = (int) Math.max(1, Math.min(5, Math.round(mean + 0.9 * e.rng.gaussian())));
    long at =
        e.now()
            + Math.min(MAX_DELAY, Math.max(30_000, Math.round(e.rng.lognormal(4 * 60_000.0, 0.8))));
    Integer nps = likelihoodToRecommend(c, csat);
    String queue = leg.queue.def.id();
    e.stats.surveys++;
    e.timeline.at(
        at,
        () ->
            e.sink.event(
                EventStream.SURVEYS,
                c.id,
                e.events.survey(c, a.id(), queue, csat, nps, at),
                at,
                c.tooLate));
  }

  /**
   * The 0..10 likelihood to recommend on the surveys that ask it, or null: it follows the CSAT
   * score (5 mostly promoters, 4 mostly passives, 3 and below detractors) with some spread. Drawn
   * from the contact's own random stream, not the engine's, so adding it changed no other figure of
   * a day.
   */
  private Integer likelihoodToRecommend(ContactRt c, int csat) {
    Rng own = Rng.derive(e.scenario.seed(), "nps/" + c.id);
    if (!own.chance(NPS_SHARE)) {
      return null;
    }
    return (int) Math.max(0, Math.min(10, Math.round(2.2 * csat - 1.5 + 1.3 * own.gaussian())));
  }
}
