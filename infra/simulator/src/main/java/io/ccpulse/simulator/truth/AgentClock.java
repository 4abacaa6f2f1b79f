package io.ccpulse.simulator.truth;

import io.ccpulse.events.AgentState;

/**
 * An agent's time accounts: logged in, available, busy (at least one open leg, whatever the state)
 * and available-idle. Time between two changes is split at interval boundaries by wall time.
 */
final class AgentClock {
  private final Entity entity;
  private final long[] sizes;
  private boolean loggedIn;
  private AgentState state;
  private int openLegs;
  private long since = Long.MIN_VALUE;

  AgentClock(Entity entity, long[] sizes) {
    this.entity = entity;
    this.sizes = sizes;
  }

  /** Any state but LOGGED_OUT means logged in, so a shift counts from its first state event. */
  void state(long time, AgentState next) {
    advance(time);
    state = next;
    loggedIn = next != AgentState.LOGGED_OUT;
  }

  void legOpened(long time) {
    advance(time);
    openLegs++;
  }

  void legClosed(long time) {
    advance(time);
    if (openLegs > 0) {
      openLegs--;
    }
  }

  /** Credits the time since the last change up to {@code time}. */
  void advance(long time) {
    long from = since;
    since = Math.max(since, time);
    if (from == Long.MIN_VALUE || time <= from) {
      return;
    }
    boolean available = loggedIn && state == AgentState.AVAILABLE;
    boolean busy = openLegs > 0;
    if (!loggedIn && !busy) {
      return;
    }
    for (int i = 0; i < sizes.length; i++) {
      long size = sizes[i];
      for (long s = Math.floorDiv(from, size) * size; s < time; s += size) {
        long ms = Math.min(time, s + size) - Math.max(from, s);
        if (loggedIn) {
          entity.addTo(i, s, Figure.LOGGED_IN_MS, ms);
        }
        if (available) {
          entity.addTo(i, s, Figure.AVAILABLE_MS, ms);
        }
        if (busy) {
          entity.addTo(i, s, Figure.BUSY_MS, ms);
        } else if (available) {
          entity.addTo(i, s, Figure.AVAILABLE_IDLE_MS, ms);
        }
      }
    }
  }
}
