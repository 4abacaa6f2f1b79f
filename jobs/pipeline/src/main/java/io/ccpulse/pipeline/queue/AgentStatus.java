package io.ccpulse.pipeline.queue;

/** What a queue needs to know of one agent serving it. A Flink POJO. */
public class AgentStatus {
  /** Presence AVAILABLE: the agent takes the queue's contacts (idle or busy). */
  public boolean onQueue;

  /** BREAK or MEAL. */
  public boolean onBreak;

  /** Contacts answered and not yet wrapped up. */
  public int openContacts;

  /** Contacts the agent takes at once (chat capacity; 1 for voice). */
  public int capacity = 1;

  public AgentStatus() {}

  static AgentStatus of(boolean onQueue, boolean onBreak, int openContacts, int capacity) {
    AgentStatus s = new AgentStatus();
    s.onQueue = onQueue;
    s.onBreak = onBreak;
    s.openContacts = openContacts;
    s.capacity = capacity;
    return s;
  }

  /** On queue with room for one more contact now. */
  public boolean available() {
    return onQueue && openContacts < capacity;
  }

  public boolean onContact() {
    return openContacts > 0;
  }

  boolean sameAs(AgentStatus o) {
    return o != null
        && onQueue == o.onQueue
        && onBreak == o.onBreak
        && openContacts == o.openContacts
        && capacity == o.capacity;
  }

  @Override
  public String toString() {
    return (onQueue ? "on-queue" : onBreak ? "break" : "off-queue")
        + " "
        + openContacts
        + "/"
        + capacity;
  }
}
