package io.ccpulse.simulator.engine;

import io.ccpulse.events.AgentState;
import io.ccpulse.simulator.scenario.Understaffing;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An understaffing stretch at run time: withdraws every agent who serves the queue at the start,
 * releases them at the end ({@link Shifts} does the state changes), and watches their states for
 * the {@link UnderstaffingReport}. It draws no random numbers.
 */
final class UnderstaffingRt {
  private final Engine e;
  private final QueueRt queue;
  private final long start;
  private final long end;
  private final Set<String> agentIds = new TreeSet<>();
  private boolean during;
  private boolean over;

  /**
   * Agents of the queue AVAILABLE at the start who have not left AVAILABLE yet (finishing
   * contacts).
   */
  private int stillAvailable;

  private long allUnavailableAt = -1;
  private long firstBackAt = -1;

  UnderstaffingRt(Engine e, Understaffing u) {
    this.e = e;
    this.queue = e.queues.get(u.queueId());
    if (queue == null) {
      throw new IllegalArgumentException("understaffing: no queue '" + u.queueId() + "'");
    }
    this.start = e.scenario.start().plus(u.offset()).toEpochMilli();
    this.end = start + u.length().toMillis();
  }

  void schedule() {
    e.timeline.at(start, this::begin);
    e.timeline.at(end, this::finish);
  }

  private void begin() {
    during = true;
    for (AgentRt a : queue.agents) {
      if (a.loggedIn) {
        agentIds.add(a.id());
        stillAvailable += a.state == AgentState.AVAILABLE ? 1 : 0;
      }
    }
    if (stillAvailable == 0) {
      allUnavailableAt = start;
    }
    for (AgentRt a : queue.agents) {
      e.shifts.withdraw(a);
    }
  }

  private void finish() {
    during = false;
    over = true;
    for (AgentRt a : queue.agents) {
      if (a.loggedIn && a.state == AgentState.AVAILABLE && firstBackAt < 0) {
        firstBackAt = end; // still finishing a contact: free to take new ones from now
      }
    }
    for (AgentRt a : queue.agents) {
      e.shifts.release(a);
    }
  }

  /** Called just before an agent's state changes to {@code next}. */
  void stateChanging(AgentRt a, AgentState next) {
    if (during) {
      if (!a.withdrawn) {
        return; // not an agent of the queue
      }
      if (next == AgentState.LOGGED_IN) {
        agentIds.add(a.id());
      }
      if (a.state == AgentState.AVAILABLE
          && next != AgentState.AVAILABLE
          && --stillAvailable == 0) {
        allUnavailableAt = e.now();
      }
    } else if (over
        && firstBackAt < 0
        && next == AgentState.AVAILABLE
        && a.queues.contains(queue)) {
      firstBackAt = e.now();
    }
  }

  UnderstaffingReport report() {
    return new UnderstaffingReport(
        queue.def.tenantId(),
        queue.def.id(),
        Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(end),
        List.copyOf(agentIds),
        instant(allUnavailableAt),
        instant(firstBackAt));
  }

  private static Instant instant(long millis) {
    return millis < 0 ? null : Instant.ofEpochMilli(millis);
  }
}
