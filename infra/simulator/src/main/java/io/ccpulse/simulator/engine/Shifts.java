package io.ccpulse.simulator.engine;

import io.ccpulse.events.AgentState;
import io.ccpulse.simulator.model.PlannedState;
import io.ccpulse.simulator.model.Shift;

/**
 * Agent presence: log in, become available, take planned breaks (late if on a contact), short
 * not-ready pauses after demanding contacts, and log out at shift end once free (staying on if the
 * last agent of a queue with contacts waiting). During an understaffing stretch the agents of its
 * queue are held NOT_READY instead of AVAILABLE.
 */
final class Shifts {
  private final Engine e;

  Shifts(Engine e) {
    this.e = e;
  }

  void login(AgentRt a, Shift shift) {
    a.pace = shift.pace();
    a.shiftOver = false;
    if (a.loggedIn) { // still clearing the last queue from the shift before: it carries on
      return;
    }
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
    if (a.withdrawn) { // understaffing: NOT_READY instead of AVAILABLE until the stretch ends
      hold(a);
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
    if (a.held) { // held by understaffing: the break fits into the stretch, then NOT_READY again
      a.held = false;
      pause(a, p.state(), p.lengthMillis());
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
    if (a.held) { // no pause timer will call available(): log out now
      a.held = false;
      logoutOrStay(a);
    } else if (a.loggedIn && a.legs == 0 && a.state == AgentState.AVAILABLE) {
      logoutOrStay(a);
    }
  }

  /**
   * Understaffing starts: a free agent goes NOT_READY now (or logs out if its shift is over); a
   * busy one once its contacts are wrapped up, one on a pause when the pause ends (see {@link
   * #available}).
   */
  void withdraw(AgentRt a) {
    a.withdrawn = true;
    if (a.loggedIn && a.legs == 0 && a.state == AgentState.AVAILABLE) {
      if (a.shiftOver) {
        logoutOrStay(a);
      } else {
        hold(a);
      }
    }
  }

  /** Understaffing ends: a held agent comes back as after a pause (a break due first, if any). */
  void release(AgentRt a) {
    a.withdrawn = false;
    if (a.held) {
      a.held = false;
      available(a);
    } else if (a.loggedIn && a.state == AgentState.AVAILABLE) {
      e.pullWork(a); // still finishing a chat: room for more again
    }
  }

  private void hold(AgentRt a) {
    a.held = true;
    if (a.state != AgentState.NOT_READY) { // already NOT_READY after a breather: no repeated state
      e.emitState(a, AgentState.NOT_READY);
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
    } else if (a.withdrawn) {
      hold(a);
    } else if (demanding && a.pace.breathers() && !e.erlang && e.rng.chance(0.3)) {
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

  /**
   * Logs out, unless this is the last agent for a queue that still has contacts waiting (and not
   * withdrawn by understaffing, which must not bring it back) or callbacks owed. A callback has no
   * patience to run out, so a withdrawn last agent owing one stays NOT_READY until the stretch
   * ends, then dials it.
   */
  private void logoutOrStay(AgentRt a) {
    if (a.legs > 0) {
      return;
    }
    for (QueueRt q : a.queues) {
      if (a.withdrawn && q.callbacksOwed > 0 && q.loggedIn == 1) {
        hold(a);
        return;
      }
      if (!a.withdrawn && q.hasWork() && q.loggedIn == 1) {
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
