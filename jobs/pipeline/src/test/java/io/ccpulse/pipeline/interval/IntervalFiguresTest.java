package io.ccpulse.pipeline.interval;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactKind;
import org.junit.jupiter.api.Test;

class IntervalFiguresTest {
  private static final Thresholds T = new Thresholds(20_000, 5_000);

  private static ContactFact wait(FactKind kind, long waitMs) {
    ContactFact f = new ContactFact();
    f.kind = kind;
    f.waitMs = waitMs;
    return f;
  }

  private static ContactFact leg(long talk, long hold, int holds, long acw, boolean transferred) {
    ContactFact f = new ContactFact();
    f.kind = FactKind.LEG;
    f.talkMs = talk;
    f.holdMs = hold;
    f.holdCount = holds;
    f.acwMs = acw;
    f.transferred = transferred;
    return f;
  }

  @Test
  void queueFiguresWithTheThresholdsWorkedByHand() {
    IntervalFigures q = new IntervalFigures();
    q.add(wait(FactKind.ARRIVED, 0), T);
    q.add(wait(FactKind.ANSWERED, 20_000), T); // exactly at the threshold: within
    q.add(wait(FactKind.ANSWERED, 20_001), T); // one ms over: outside
    q.add(wait(FactKind.ANSWERED, 3_000), T);
    q.add(wait(FactKind.ABANDONED, 4_999), T); // short
    q.add(wait(FactKind.ABANDONED, 5_000), T); // not short: the threshold is "below"
    q.add(wait(FactKind.ABANDONED, 90_000), T);
    assertThat(q.entered).isEqualTo(1);
    assertThat(q.offered).isEqualTo(6);
    assertThat(q.answered).isEqualTo(3);
    assertThat(q.answeredWithinSl).isEqualTo(2);
    assertThat(q.abandoned).isEqualTo(3);
    assertThat(q.shortAbandoned).isEqualTo(1);
    assertThat(q.abandonTimeMs).isEqualTo(99_999);
    assertThat(q.waitAnsweredMs).isEqualTo(43_001);
    assertThat(q.waitMaxMs).isEqualTo(20_001);
    // abandon rate (3 − 1) / (6 − 1); service level 2 / (6 − 1)
    assertThat(q.abandonRate()).isEqualTo(0.4);
    assertThat(q.serviceLevel()).isEqualTo(0.4);
  }

  /**
   * Callbacks worked by hand: a request ends a wait (offered, neither answered nor abandoned, so in
   * the service-level base but never within it); the dial counts the callback's wait apart, outside
   * ASA; the callback leg is a handled leg like any other, counted again in callbacks_handled.
   */
  @Test
  void callbacksCountInOfferedNotAsAbandonsAndTheirWaitIsApart() {
    IntervalFigures q = new IntervalFigures();
    q.add(wait(FactKind.ANSWERED, 10_000), T); // within
    q.add(wait(FactKind.ANSWERED, 30_000), T);
    q.add(wait(FactKind.ABANDONED, 60_000), T);
    q.add(wait(FactKind.CALLBACK_REQUESTED, 15_000), T);
    q.add(wait(FactKind.CALLBACK_REQUESTED, 95_000), T);
    q.add(wait(FactKind.CALLBACK_DIALED, 600_000), T);
    ContactFact callbackLeg = leg(100_000, 0, 0, 20_000, false);
    callbackLeg.callback = true;
    q.add(callbackLeg, T);
    q.add(leg(50_000, 0, 0, 10_000, false), T);
    assertThat(q.offered).isEqualTo(5);
    assertThat(q.answered).isEqualTo(2);
    assertThat(q.abandoned).isEqualTo(1);
    assertThat(q.callbacksRequested).isEqualTo(2);
    assertThat(q.callbacksDialed).isEqualTo(1);
    assertThat(q.callbackWaitMs).isEqualTo(600_000);
    assertThat(q.waitAnsweredMs).isEqualTo(40_000); // ASA 20 s: callbacks' waits are not in it
    assertThat(q.waitMaxMs).isEqualTo(30_000);
    assertThat(q.handled).isEqualTo(2);
    assertThat(q.callbacksHandled).isEqualTo(1);
    assertThat(q.handleMs).isEqualTo(180_000);
    // abandon rate 1 / 5; service level 1 / 5: a request within 20 s is not an answer within it
    assertThat(q.abandonRate()).isEqualTo(0.2);
    assertThat(q.serviceLevel()).isEqualTo(0.2);

    ContactFact back = wait(FactKind.CALLBACK_DIALED, 600_000).retraction();
    q.add(back, T);
    IntervalFigures other = new IntervalFigures();
    other.add(wait(FactKind.CALLBACK_DIALED, 45_000), T);
    q.merge(other);
    assertThat(q.callbacksDialed).isEqualTo(1);
    assertThat(q.callbackWaitMs).isEqualTo(45_000);
    ContactFact legBack = callbackLeg.retraction();
    q.add(legBack, T);
    assertThat(q.callbacksHandled).isZero();
  }

  @Test
  void legFiguresAndMerging() {
    IntervalFigures a = new IntervalFigures();
    a.add(leg(100_000, 30_000, 2, 20_000, false), T);
    IntervalFigures b = new IntervalFigures();
    b.add(leg(50_000, 0, 0, 10_000, true), T);
    ContactFact incomplete = new ContactFact();
    incomplete.kind = FactKind.LEG_INCOMPLETE;
    b.add(incomplete, T);
    a.merge(b);
    assertThat(a.handled).isEqualTo(2);
    assertThat(a.handleMs).isEqualTo(210_000);
    assertThat(a.ahtMs()).isEqualTo(105_000);
    assertThat(a.holdCount).isEqualTo(2);
    assertThat(a.heldContacts).isEqualTo(1);
    assertThat(a.transferredOut).isEqualTo(1);
    assertThat(a.incompleteLegs).isEqualTo(1);
  }

  @Test
  void ratesAreUndefinedWithoutABase() {
    IntervalFigures empty = new IntervalFigures();
    assertThat(empty.ahtMs()).isNaN();
    assertThat(empty.serviceLevel()).isNaN();
    IntervalFigures onlyShort = new IntervalFigures();
    onlyShort.add(wait(FactKind.ABANDONED, 1_000), T);
    assertThat(onlyShort.abandonRate()).isNaN();
  }

  @Test
  void csat() {
    IntervalFigures f = new IntervalFigures();
    for (int score : new int[] {5, 4, 3, 1}) {
      ContactFact s = new ContactFact();
      s.kind = FactKind.SURVEY;
      s.csat = score;
      f.add(s, T);
    }
    assertThat(f.csatResponses).isEqualTo(4);
    assertThat(f.csatSum).isEqualTo(13);
    assertThat(f.csatSatisfied).isEqualTo(2);
  }

  /** 9 and 10 promote, 0 to 6 detract, 7 and 8 are passives; a survey that did not ask is none. */
  @Test
  void npsCountsPromotersAndDetractorsOfTheSurveysThatAsked() {
    IntervalFigures f = new IntervalFigures();
    for (int nps : new int[] {10, 9, 8, 7, 6, 0, -1}) {
      ContactFact s = new ContactFact();
      s.kind = FactKind.SURVEY;
      s.csat = 4;
      s.nps = nps;
      f.add(s, T);
    }
    assertThat(f.csatResponses).isEqualTo(7);
    assertThat(f.npsResponses).isEqualTo(6);
    assertThat(f.npsPromoters).isEqualTo(2);
    assertThat(f.npsDetractors).isEqualTo(2);

    ContactFact promoter = new ContactFact();
    promoter.kind = FactKind.SURVEY;
    promoter.csat = 5;
    promoter.nps = 9;
    f.add(promoter.retraction(), T);
    assertThat(f.npsResponses).isEqualTo(5);
    assertThat(f.npsPromoters).isEqualTo(1);

    IntervalFigures other = new IntervalFigures();
    other.add(promoter, T);
    f.merge(other);
    assertThat(f.npsResponses).isEqualTo(6);
    assertThat(f.npsPromoters).isEqualTo(2);
    assertThat(f.npsDetractors).isEqualTo(2);
  }
}
