package io.ccpulse.pipeline.queue;

import io.ccpulse.events.AgentState;
import java.util.List;

/**
 * One agent as the queues it serves see it: presence, queues, capacity and open contacts, and what
 * those queues were last told, so each change is told once. A Flink POJO with its logic.
 *
 * <p>Presence is last-writer-wins by event time: a duplicate or straggler of an earlier state does
 * not undo a later one. The queues are those named by the LOGGED_IN that started the shift.
 */
public class AgentPresence {
  public String tenantId;
  public String agentId;

  /** Null before the first presence event (contacts may come first). */
  public AgentState state;

  public long stateAt = Long.MIN_VALUE;
  public String[] queueIds = new String[0];
  public int capacity = 1;
  public String[] openContacts = new String[0];

  /** The queues last told about this agent, and the status they were told. */
  public String[] toldQueues = new String[0];

  public AgentStatus told;
  public long lastAt = Long.MIN_VALUE;

  public AgentPresence() {}

  public static AgentPresence of(String tenantId, String agentId) {
    AgentPresence p = new AgentPresence();
    p.tenantId = tenantId;
    p.agentId = agentId;
    return p;
  }

  /** Applies a signal; the queues that must hear of the change get a signal in {@code out}. */
  public void apply(AgentSignal s, List<QueueSignal> out) {
    lastAt = Math.max(lastAt, s.at);
    if (s.state != null) {
      if (s.at < stateAt) {
        return;
      }
      state = s.state;
      stateAt = s.at;
      if (s.state == AgentState.LOGGED_IN) {
        if (s.queueIds != null && s.queueIds.length > 0) {
          queueIds = s.queueIds.clone();
        }
        capacity = s.capacity > 0 ? s.capacity : 1;
      }
    } else if (s.contactDelta > 0 && !Ids.contains(openContacts, s.interactionId)) {
      openContacts = Ids.plus(openContacts, s.interactionId);
    } else if (s.contactDelta < 0) {
      openContacts = Ids.minus(openContacts, s.interactionId);
    }
    tell(s.at, out);
  }

  /** Logged out (or never seen logging in) with nothing open: nothing left to remember. */
  public boolean dormant() {
    return (state == null || state == AgentState.LOGGED_OUT)
        && openContacts.length == 0
        && toldQueues.length == 0;
  }

  /** The agent went silent for too long: treated as logged out. */
  public void forget(long at, List<QueueSignal> out) {
    state = AgentState.LOGGED_OUT;
    openContacts = new String[0];
    tell(at, out);
  }

  private void tell(long at, List<QueueSignal> out) {
    boolean loggedIn = state != null && state != AgentState.LOGGED_OUT;
    String[] serving = loggedIn ? queueIds : new String[0];
    AgentStatus now =
        loggedIn
            ? AgentStatus.of(
                state == AgentState.AVAILABLE,
                state == AgentState.BREAK || state == AgentState.MEAL,
                openContacts.length,
                capacity)
            : null;
    for (String q : toldQueues) {
      if (!Ids.contains(serving, q)) {
        out.add(QueueSignal.agent(tenantId, q, agentId, null, at));
      }
    }
    for (String q : serving) {
      if (!Ids.contains(toldQueues, q) || !now.sameAs(told)) {
        out.add(QueueSignal.agent(tenantId, q, agentId, now, at));
      }
    }
    toldQueues = serving.clone();
    told = now;
  }
}
