package io.ccpulse.pipeline.burnout;

import io.ccpulse.events.AgentState;

/**
 * Follows one agent's shift through presence changes, contacts opening and closing, completed legs
 * and surveys, applied in event-time order, and judges the indicators at any instant. A plain
 * class: every indicator is tested without Flink.
 */
public final class ShiftTracker {
  private static final long MINUTE = 60_000;
  private static final double HOUR = 3_600_000.0;

  private final BurnoutSettings s;
  private final int ringSize;

  public ShiftTracker(BurnoutSettings settings) {
    this.s = settings;
    this.ringSize = (int) (settings.occupancyWindowMs / MINUTE);
  }

  public ShiftState start(String tenantId, String agentId, long at) {
    ShiftState st = new ShiftState();
    st.tenantId = tenantId;
    st.agentId = agentId;
    st.shiftStart = at;
    st.accountedTo = at;
    st.lastBreakEnd = at;
    st.ringBusy = new long[ringSize];
    st.ringIdle = new long[ringSize];
    st.ringMinute = Math.floorDiv(at, MINUTE);
    st.legs = new long[Baseline.CHANNELS];
    st.handleMs = new long[Baseline.CHANNELS];
    return st;
  }

  /** Attributes the time up to {@code to} to what held since the last input. */
  public void advance(ShiftState st, long to) {
    long t = st.accountedTo;
    while (t < to) {
      long minute = Math.floorDiv(t, MINUTE);
      long end = Math.min(to, (minute + 1) * MINUTE);
      long d = end - t;
      roll(st, minute);
      int slot = (int) Math.floorMod(minute, (long) ringSize);
      if (st.openLegs > 0) {
        st.busyMs += d;
        st.legMs += d * st.openLegs;
        st.ringBusy[slot] += d;
      } else if (st.state == AgentState.AVAILABLE) {
        st.idleMs += d;
        st.ringIdle[slot] += d;
      }
      t = end;
    }
    st.accountedTo = Math.max(st.accountedTo, to);
  }

  /** A presence change at the time the state was advanced to. */
  public void presence(ShiftState st, AgentState state, long at) {
    boolean wasOnBreak = onBreak(st.state);
    boolean nowOnBreak = onBreak(state);
    if (!wasOnBreak && nowOnBreak) {
      st.breakStartedAt = at;
    } else if (wasOnBreak && !nowOnBreak && st.breakStartedAt >= 0) {
      if (at - st.breakStartedAt >= s.breakMinMs) { // a short pause is not a break
        st.breaksTaken++;
        st.lastBreakEnd = at;
      }
      st.breakStartedAt = -1;
    }
    st.state = state == AgentState.LOGGED_OUT ? null : state;
  }

  /** A contact connected (+1) or a connection taken back (-1). */
  public void contactOpened(ShiftState st, long at, int sign) {
    if (sign < 0) {
      st.openLegs = Math.max(0, st.openLegs - 1);
      return;
    }
    if (st.openLegs > 0) {
      st.run++; // another chat while one is open: no gap at all
    } else {
      boolean noGap = st.lastFreeAt >= 0 && at - st.lastFreeAt <= s.backToBackGapMs;
      st.run = noGap ? st.run + 1 : 1;
    }
    st.longestRun = Math.max(st.longestRun, st.run);
    st.openLegs++;
  }

  /**
   * A contact's leg ended (+1: wrap-up done or closed incomplete) or the end was taken back (-1).
   */
  public void contactClosed(ShiftState st, long at, int sign) {
    if (sign < 0) {
      st.openLegs++;
      return;
    }
    st.openLegs = Math.max(0, st.openLegs - 1); // a leg that started before the shift was seen
    if (st.openLegs == 0) {
      st.lastFreeAt = at;
    }
  }

  /** A completed leg counted (+1) or taken back (-1). */
  public void legCompleted(ShiftState st, int channel, long handleMs, boolean demanding, int sign) {
    st.legs[channel] += sign;
    st.handleMs[channel] += sign * handleMs;
    if (demanding) {
      st.demanding += sign;
    }
  }

  /**
   * Long for its queue, or transferred. {@code queueUsualMs} ≤ 0: the queue's usual is not known
   * yet.
   */
  public boolean demanding(long handleMs, boolean transferred, long queueUsualMs) {
    return transferred || (queueUsualMs > 0 && handleMs > s.demandingHandleFactor * queueUsualMs);
  }

  /** A survey response about this agent arrived. */
  public void survey(ShiftState st, int csat) {
    if (csat <= 2) {
      st.demanding++;
    }
  }

  /**
   * Every indicator at {@code now} (the state advanced to it); NaN where there is too little to
   * judge.
   */
  public double[] indicators(ShiftState st, long now, Baseline baseline) {
    double[] v = new double[Factor.values().length];
    roll(st, Math.floorDiv(now - 1, MINUTE));
    long busy = 0;
    long idle = 0;
    for (int i = 0; i < ringSize; i++) {
      busy += st.ringBusy[i];
      idle += st.ringIdle[i];
    }
    // Judged only with enough time at work in the window: a break is not low occupancy.
    v[Factor.OCCUPANCY_ROLLING.ordinal()] =
        busy + idle >= s.occupancyWindowMs / 2 ? (double) busy / (busy + idle) : Double.NaN;
    long shiftBase = st.busyMs + st.idleMs;
    v[Factor.OCCUPANCY_SHIFT.ordinal()] =
        shiftBase >= s.occupancyWindowMs ? (double) st.busyMs / shiftBase : Double.NaN;
    v[Factor.LOGGED_IN.ordinal()] = (now - st.shiftStart) / HOUR;
    boolean breakNow = st.breakStartedAt >= 0;
    v[Factor.SINCE_BREAK.ordinal()] = breakNow ? 0 : (now - st.lastBreakEnd) / HOUR;
    long expected = (now - st.shiftStart) / s.breakEveryMs;
    long taken = st.breaksTaken + (breakNow && now - st.breakStartedAt >= s.breakMinMs ? 1 : 0);
    v[Factor.BREAKS_MISSED.ordinal()] = Math.max(0, expected - taken);
    v[Factor.BACK_TO_BACK.ordinal()] = st.longestRun;
    long handled = st.handled();
    v[Factor.DEMANDING_SHARE.ordinal()] =
        handled >= s.demandingMinContacts
            ? Math.min(1.0, (double) st.demanding / handled)
            : Double.NaN;
    v[Factor.HANDLE_DRIFT.ordinal()] = drift(st, baseline);
    v[Factor.CONCURRENCY.ordinal()] =
        baseline.busyMs >= s.concurrencyBaselineBusyMs && baseline.legMs > 0 && st.busyMs > 0
            ? ((double) st.legMs / st.busyMs) / ((double) baseline.legMs / baseline.busyMs)
            : Double.NaN;
    return v;
  }

  /**
   * Handle time this shift over what the baseline expects for the same mix of channels, minus 1.
   */
  private double drift(ShiftState st, Baseline b) {
    double expected = 0;
    long actual = 0;
    long n = 0;
    for (int c = 0; c < Baseline.CHANNELS; c++) {
      if (b.legs[c] >= s.driftBaselineContacts && st.legs[c] > 0) {
        expected += st.legs[c] * ((double) b.handleMs[c] / b.legs[c]);
        actual += st.handleMs[c];
        n += st.legs[c];
      }
    }
    return n >= s.driftMinContacts && expected > 0 ? actual / expected - 1 : Double.NaN;
  }

  /** Moves the ring to {@code minute}, clearing the minutes it skips. */
  private void roll(ShiftState st, long minute) {
    if (minute <= st.ringMinute) {
      return;
    }
    long clear = Math.min(minute - st.ringMinute, ringSize);
    for (long m = minute - clear + 1; m <= minute; m++) {
      int slot = (int) Math.floorMod(m, (long) ringSize);
      st.ringBusy[slot] = 0;
      st.ringIdle[slot] = 0;
    }
    st.ringMinute = minute;
  }

  private static boolean onBreak(AgentState state) {
    return state == AgentState.BREAK || state == AgentState.MEAL;
  }
}
