package io.ccpulse.simulator.engine;

import io.ccpulse.simulator.output.EventStream;

/**
 * CSAT surveys: a share of completed contacts get a response minutes later. Scores drop after long
 * waits, transfers, very long contacts and tired strained agents, as survey studies find.
 */
final class Surveys {
  private static final long MAX_DELAY = 30 * 60_000;

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
    String queue = leg.queue.def.id();
    e.stats.surveys++;
    e.timeline.at(
        at,
        () ->
            e.sink.event(
                EventStream.SURVEYS,
                c.id,
                e.events.survey(c, a.id(), queue, csat, at),
                at,
                c.tooLate));
  }
}
