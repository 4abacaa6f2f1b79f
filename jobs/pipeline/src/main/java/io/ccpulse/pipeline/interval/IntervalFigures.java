package io.ccpulse.pipeline.interval;

import io.ccpulse.pipeline.contact.ContactFact;

/**
 * Every figure of one entity in one interval, as sums and counts (never only averages, so days and
 * months roll up exactly). Also the windows' accumulator: it grows by one fact at a time.
 */
public class IntervalFigures {
  // Legs, counted where their wrap-up ends.
  public long handled;
  public long talkMs;
  public long holdMs;
  public long acwMs;
  public long handleMs;
  public long holdCount;
  public long heldContacts;
  public long transferredOut;
  public long incompleteLegs;
  public long callbacksHandled;
  // Queue waits, counted where they end; arrivals where they arrive.
  public long entered;
  public long transferredIn;
  public long offered;
  public long answered;
  public long abandoned;
  public long shortAbandoned;
  public long movedUnanswered;
  public long abandonTimeMs;
  public long waitAnsweredMs;
  public long waitMaxMs;
  public long answeredWithinSl;
  // Callbacks (docs/metrics.md §4): requests end a wait (in offered), dials end the callback's
  // wait.
  public long callbacksRequested;
  public long callbacksDialed;
  public long callbackWaitMs;
  // Surveys, counted where the response arrives.
  public long csatResponses;
  public long csatSum;
  public long csatSatisfied;
  // Likelihood to recommend, on the surveys that asked it (docs/metrics.md §5).
  public long npsResponses;
  public long npsPromoters;
  public long npsDetractors;

  public IntervalFigures() {}

  /** How many figures {@link #values} has. */
  static final int COUNT = 30;

  /** Every figure, in declaration order: what {@link #of(long[])} reads back. */
  long[] values() {
    return new long[] {
      handled,
      talkMs,
      holdMs,
      acwMs,
      handleMs,
      holdCount,
      heldContacts,
      transferredOut,
      incompleteLegs,
      callbacksHandled,
      entered,
      transferredIn,
      offered,
      answered,
      abandoned,
      shortAbandoned,
      movedUnanswered,
      abandonTimeMs,
      waitAnsweredMs,
      waitMaxMs,
      answeredWithinSl,
      callbacksRequested,
      callbacksDialed,
      callbackWaitMs,
      csatResponses,
      csatSum,
      csatSatisfied,
      npsResponses,
      npsPromoters,
      npsDetractors
    };
  }

  /** Figures from {@link #values}. */
  static IntervalFigures of(long[] v) {
    IntervalFigures f = new IntervalFigures();
    f.handled = v[0];
    f.talkMs = v[1];
    f.holdMs = v[2];
    f.acwMs = v[3];
    f.handleMs = v[4];
    f.holdCount = v[5];
    f.heldContacts = v[6];
    f.transferredOut = v[7];
    f.incompleteLegs = v[8];
    f.callbacksHandled = v[9];
    f.entered = v[10];
    f.transferredIn = v[11];
    f.offered = v[12];
    f.answered = v[13];
    f.abandoned = v[14];
    f.shortAbandoned = v[15];
    f.movedUnanswered = v[16];
    f.abandonTimeMs = v[17];
    f.waitAnsweredMs = v[18];
    f.waitMaxMs = v[19];
    f.answeredWithinSl = v[20];
    f.callbacksRequested = v[21];
    f.callbacksDialed = v[22];
    f.callbackWaitMs = v[23];
    f.csatResponses = v[24];
    f.csatSum = v[25];
    f.csatSatisfied = v[26];
    f.npsResponses = v[27];
    f.npsPromoters = v[28];
    f.npsDetractors = v[29];
    return f;
  }

  /**
   * Adds a fact, or takes one back (sign −1: every sum and count subtracts it). A maximum cannot be
   * taken back: {@link #waitMaxMs} keeps the larger wait if a late event shortened one.
   */
  public void add(ContactFact f, Thresholds thresholds) {
    int n = f.sign;
    switch (f.kind) {
      case LEG:
        handled += n;
        talkMs += n * f.talkMs;
        holdMs += n * f.holdMs;
        acwMs += n * f.acwMs;
        handleMs += n * f.handleMs();
        holdCount += n * f.holdCount;
        heldContacts += f.holdCount > 0 ? n : 0;
        transferredOut += f.transferred ? n : 0;
        callbacksHandled += f.callback ? n : 0;
        break;
      case LEG_INCOMPLETE:
        incompleteLegs += n;
        break;
      case ARRIVED:
        entered += n;
        break;
      case TRANSFERRED_IN:
        transferredIn += n;
        break;
      case ANSWERED:
        offered += n;
        answered += n;
        waitAnsweredMs += n * f.waitMs;
        if (n > 0) {
          waitMaxMs = Math.max(waitMaxMs, f.waitMs);
        }
        answeredWithinSl += f.waitMs <= thresholds.serviceLevelMs() ? n : 0;
        break;
      case ABANDONED:
        offered += n;
        abandoned += n;
        abandonTimeMs += n * f.waitMs;
        shortAbandoned += f.waitMs < thresholds.shortAbandonMs() ? n : 0;
        break;
      case MOVED_UNANSWERED:
        offered += n;
        movedUnanswered += n;
        break;
      case CALLBACK_REQUESTED:
        offered += n;
        callbacksRequested += n;
        break;
      case CALLBACK_DIALED:
        callbacksDialed += n;
        callbackWaitMs += n * f.waitMs;
        break;
      case SURVEY:
        csatResponses += n;
        csatSum += n * f.csat;
        csatSatisfied += f.csat >= 4 ? n : 0;
        if (f.nps >= 0) {
          npsResponses += n;
          npsPromoters += f.nps >= 9 ? n : 0;
          npsDetractors += f.nps <= 6 ? n : 0;
        }
        break;
      default:
        throw new IllegalArgumentException("No interval figure for " + f.kind);
    }
  }

  public void merge(IntervalFigures o) {
    handled += o.handled;
    talkMs += o.talkMs;
    holdMs += o.holdMs;
    acwMs += o.acwMs;
    handleMs += o.handleMs;
    holdCount += o.holdCount;
    heldContacts += o.heldContacts;
    transferredOut += o.transferredOut;
    incompleteLegs += o.incompleteLegs;
    callbacksHandled += o.callbacksHandled;
    entered += o.entered;
    transferredIn += o.transferredIn;
    offered += o.offered;
    answered += o.answered;
    abandoned += o.abandoned;
    shortAbandoned += o.shortAbandoned;
    movedUnanswered += o.movedUnanswered;
    abandonTimeMs += o.abandonTimeMs;
    waitAnsweredMs += o.waitAnsweredMs;
    waitMaxMs = Math.max(waitMaxMs, o.waitMaxMs);
    answeredWithinSl += o.answeredWithinSl;
    callbacksRequested += o.callbacksRequested;
    callbacksDialed += o.callbacksDialed;
    callbackWaitMs += o.callbackWaitMs;
    csatResponses += o.csatResponses;
    csatSum += o.csatSum;
    csatSatisfied += o.csatSatisfied;
    npsResponses += o.npsResponses;
    npsPromoters += o.npsPromoters;
    npsDetractors += o.npsDetractors;
  }

  /** A copy: a row keeps its figures while the window's go on changing. */
  public IntervalFigures copy() {
    IntervalFigures c = new IntervalFigures();
    c.merge(this); // every figure a sum, or a maximum of waits (never below 0)
    return c;
  }

  /** AHT in ms, or NaN with nothing handled. */
  public double ahtMs() {
    return handled == 0 ? Double.NaN : (double) handleMs / handled;
  }

  /** (abandoned − short) / (offered − short), or NaN when nothing counts. */
  public double abandonRate() {
    long base = offered - shortAbandoned;
    return base == 0 ? Double.NaN : (double) (abandoned - shortAbandoned) / base;
  }

  /** answered within the threshold / (offered − short abandons), or NaN. */
  public double serviceLevel() {
    long base = offered - shortAbandoned;
    return base == 0 ? Double.NaN : (double) answeredWithinSl / base;
  }
}
