package io.ccpulse.pipeline.agent;

/** How one agent's time in one interval was spent, in ms. */
public class AgentTime {
  /** Between LOGGED_IN and LOGGED_OUT. */
  public long loggedInMs;

  /** In the AVAILABLE state. */
  public long availableMs;

  /** With at least one leg open (answered, not yet wrapped up), whatever the state. */
  public long busyMs;

  /** AVAILABLE with no leg open: waiting for a contact. */
  public long availableIdleMs;

  public AgentTime() {}

  boolean isEmpty() {
    return loggedInMs == 0 && availableMs == 0 && busyMs == 0 && availableIdleMs == 0;
  }

  /** busy / (busy + available idle), or NaN when neither. */
  public double occupancy() {
    long base = busyMs + availableIdleMs;
    return base == 0 ? Double.NaN : (double) busyMs / base;
  }
}
