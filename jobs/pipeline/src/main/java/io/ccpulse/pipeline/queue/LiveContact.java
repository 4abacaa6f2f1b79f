package io.ccpulse.pipeline.queue;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import java.util.List;

/**
 * One contact as the live view sees it: the queue it waits in and the agents it keeps busy. Events
 * apply as they arrive (seconds matter for alerts; the interval metrics are the corrected record),
 * so a straggler that belongs before what was already applied must not reopen a finished step. A
 * Flink POJO (arrays, not collections) with its logic, tested without Flink.
 */
public class LiveContact {
  public String tenantId;
  public String interactionId;
  public Channel channel;

  /** The queue the contact waits in now, or null; and since when. */
  public String waitQueueId;

  public long waitSince;

  /** Agents with the contact answered and not wrapped up. */
  public String[] agents = new String[0];

  /** Agents whose leg has ended: a late ANSWERED of theirs must not open it again. */
  public String[] wrappedUp = new String[0];

  /** Event ids applied (a contact has a handful): duplicates count once. */
  public String[] seen = new String[0];

  public long lastAt = Long.MIN_VALUE;
  public boolean abandoned;

  public LiveContact() {}

  public static LiveContact of(InteractionEvent first) {
    LiveContact c = new LiveContact();
    c.tenantId = first.getTenantId();
    c.interactionId = first.getInteractionId();
    c.channel = first.getChannel();
    return c;
  }

  /** Nothing open: no wait, no agent busy with it. */
  public boolean finished() {
    return waitQueueId == null && agents.length == 0;
  }

  /** Applies an event; what it changes for queues and agents goes to the lists. */
  public void apply(InteractionEvent e, List<QueueSignal> queues, List<AgentSignal> agentEdges) {
    String id = e.getEventId();
    if (Ids.contains(seen, id)) {
      return;
    }
    seen = Ids.plus(seen, id);
    long at = e.getOccurredAt().toEpochMilli();
    boolean straggler = at < lastAt;
    lastAt = Math.max(lastAt, at);
    switch (e.getType()) {
      case QUEUED -> {
        // A late QUEUED: the contact has moved on since (answered, abandoned, queued elsewhere).
        if (straggler
            || abandoned
            || e.getQueueId() == null
            || e.getQueueId().equals(waitQueueId)) {
          return;
        }
        if (waitQueueId != null) {
          queues.add(QueueSignal.waitEnded(this, WaitOutcome.MOVED, at));
        }
        waitQueueId = e.getQueueId();
        waitSince = at;
        queues.add(QueueSignal.waitStarted(this, waitQueueId, at));
      }
      case ABANDONED -> {
        endWait(WaitOutcome.ABANDONED, at, queues);
        abandoned = true;
      }
      case ANSWERED -> {
        endWait(WaitOutcome.ANSWERED, at, queues);
        String agent = e.getAgentId();
        if (agent != null && !Ids.contains(agents, agent) && !Ids.contains(wrappedUp, agent)) {
          agents = Ids.plus(agents, agent);
          agentEdges.add(AgentSignal.contact(tenantId, agent, interactionId, +1, at));
        }
      }
      case WRAPUP_ENDED -> {
        String agent = e.getAgentId();
        if (agent != null && Ids.contains(agents, agent)) {
          agents = Ids.minus(agents, agent);
          agentEdges.add(AgentSignal.contact(tenantId, agent, interactionId, -1, at));
        }
        if (agent != null && !Ids.contains(wrappedUp, agent)) {
          wrappedUp = Ids.plus(wrappedUp, agent);
        }
      }
      default -> {
        // Holds, transfers and the end of talk change neither the queue nor the agent's busy state
        // (after-contact work keeps the agent on the contact until the wrap-up).
      }
    }
  }

  /** The contact went silent: whatever is open is closed (no outcome counted). */
  public void close(long at, List<QueueSignal> queues, List<AgentSignal> agentEdges) {
    endWait(WaitOutcome.CLOSED, at, queues);
    for (String agent : agents) {
      agentEdges.add(AgentSignal.contact(tenantId, agent, interactionId, -1, at));
    }
    agents = new String[0];
  }

  private void endWait(WaitOutcome outcome, long at, List<QueueSignal> queues) {
    if (waitQueueId != null && at >= waitSince) {
      queues.add(QueueSignal.waitEnded(this, outcome, at));
      waitQueueId = null;
    }
  }
}
