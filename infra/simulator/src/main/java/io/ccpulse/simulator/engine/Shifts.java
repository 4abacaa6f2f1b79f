package io.ccpulse.simulator.engine;

import io.ccpulse.events.AgentState;
import io.ccpulse.simulator.model.PlannedState;

/**
 * Agent presence: log in, become available, take planned breaks (late if on a contact), short
 * not-ready pauses after demanding contacts, and log out at shift end once free (staying on if the
 * last agent of a queue with contacts waiting).
 */
final class Shifts {
  private final Engine e;

  Shifts(Engine e) {
    this.e = e;
  }

  void login(AgentRt a) {
    a.loggedIn = true;
    a.shiftStartedAt = e.now();
    for (QueueRt q : a.queues) {
      q.loggedIn++;
    }
    e.emitState(a, AgentState.LOGGED_IN);
    long settle = e.erlang ? 0 : e.rng.between(20_000, 90_000);
    e.timeline.at(e.now() + settle, () -> available(a));
  }

  /** Back to AVAILABLE (after login or a pause), or out if the shift is over. */
  void available(AgentRt a) {
    if (a.shiftOver) {
      logoutOrStay(a);
      return;
    }
    if (a.pending != null && a.legs == 0) { // a break that came due during the pause
      PlannedState p = a.pending;
      a.pending = null;
      pause(a, p.state(), p.lengthMillis());
      return;
    }
    e.emitState(a, AgentState.AVAILABLE);
    if (a.legs == 0) {
      a.idleSince = e.now();
    }
    e.pullWork(a);
  }

  /**
   * A planned break comes due: now if free, else when the current contacts end (or a short pause
   * does); dropped if another planned state is under way.
   */
  void planned(AgentRt a, PlannedState p) {
    if (!a.loggedIn || a.shiftOver) {
      return;
    }
    if (a.state == AgentState.NOT_READY) {
      a.pending = p; // taken when the pause ends, not lost to it
      return;
    }
    if (a.state != AgentState.AVAILABLE) {
      return;
    }
    if (a.legs == 0) {
      pause(a, p.state(), p.lengthMillis());
    } else {
      a.pending = p;
    }
  }

  void shiftEnd(AgentRt a) {
    a.shiftOver = true;
    a.pending = null;
    if (a.loggedIn && a.legs == 0 && a.state == AgentState.AVAILABLE) {
      logoutOrStay(a);
    }
  }

  /** A leg of this agent wrapped up. */
  void legDone(AgentRt a, boolean demanding) {
    if (a.legs > 0) {
      e.pullWork(a);
      return;
    }
    a.idleSince = e.now();
    if (a.shiftOver) {
      logoutOrStay(a);
    } else if (a.pending != null) {
      PlannedState p = a.pending;
      a.pending = null;
      pause(a, p.state(), p.lengthMillis());
    } else if (demanding && !a.profile.strained() && !e.erlang && e.rng.chance(0.3)) {
      // A breather after a hard contact; strained agents do not take one.
      pause(a, AgentState.NOT_READY, e.rng.between(60_000, 180_000));
    } else {
      e.pullWork(a);
    }
  }

  private void pause(AgentRt a, AgentState state, long length) {
    e.emitState(a, state);
    e.timeline.at(e.now() + length, () -> available(a));
  }

  /** Logs out, unless this is the last agent for a queue that still has contacts waiting. */
  private void logoutOrStay(AgentRt a) {
    if (a.legs > 0) {
      return;
    }
    for (QueueRt q : a.queues) {
      if (q.waitingCount() > 0 && q.loggedIn == 1) {
        if (a.state != AgentState.AVAILABLE) {
          e.emitState(a, AgentState.AVAILABLE);
        }
        e.pullWork(a);
        return;
      }
    }
    a.loggedIn = false;
    for (QueueRt q : a.queues) {
      q.loggedIn--;
    }
    e.emitState(a, AgentState.LOGGED_OUT);
  }
}
