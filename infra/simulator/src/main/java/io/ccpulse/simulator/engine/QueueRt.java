package io.ccpulse.simulator.engine;

import io.ccpulse.simulator.model.ChannelProfile;
import io.ccpulse.simulator.model.ContactQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A queue at run time: contacts waiting (oldest first) and the agents who serve it. */
final class QueueRt {
  final ContactQueue def;
  final ChannelProfile profile;
  final List<AgentRt> agents = new ArrayList<>();

  /** Waiting contacts; ones that left (answered, abandoned) are skipped lazily at the head. */
  private final ArrayDeque<ContactRt> waiting = new ArrayDeque<>();

  private int waitingCount;

  /** Agents serving this queue who are logged in. */
  int loggedIn;

  /** Callbacks due to be dialed (the caller has hung up), in no particular order. */
  final List<ContactRt> callbacks = new ArrayList<>();

  /** Callbacks requested and not dialed yet, due or not: agents stay while there are any. */
  int callbacksOwed;

  QueueRt(ContactQueue def, ChannelProfile profile) {
    this.def = def;
    this.profile = profile;
  }

  void enqueue(ContactRt c) {
    waiting.addLast(c);
    waitingCount++;
  }

  /** Called when a waiting contact leaves the queue (answered or abandoned). */
  void left() {
    waitingCount--;
  }

  int waitingCount() {
    return waitingCount;
  }

  /** Someone still needs an agent of this queue: a contact waiting or a callback owed. */
  boolean hasWork() {
    return waitingCount > 0 || callbacksOwed > 0;
  }

  /** The due callback whose caller first queued (it keeps the caller's place), or null. */
  ContactRt callbackHead() {
    ContactRt best = null;
    for (ContactRt c : callbacks) {
      if (best == null || c.queuedAt < best.queuedAt) {
        best = c;
      }
    }
    return best;
  }

  /** The longest-waiting contact still waiting here, or null. */
  ContactRt head() {
    while (!waiting.isEmpty()) {
      ContactRt c = waiting.peekFirst();
      if (c.waitingIn == this) {
        return c;
      }
      waiting.pollFirst();
    }
    return null;
  }
}
