package io.ccpulse.pipeline.queue;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import java.util.Arrays;
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

  /**
   * Beside {@link #agents}: the queue each answered it from (null: not from a queue) and when, for
   * the leg's handle time when it is wrapped up. Null in state from before they existed.
   */
  public String[] agentQueues;

  public long[] agentSince;

  /** Agents whose leg has ended: a late ANSWERED of theirs must not open it again. */
  public String[] wrappedUp = new String[0];

  /** Event ids applied (a contact has a handful): duplicates count once. */
  public String[] seen = new String[0];

  public long lastAt = Long.MIN_VALUE;
  public boolean abandoned;

  /** The queue a requested callback is pending in (not dialed yet), or null; and since when. */
  public String callbackQueueId;

  public long callbackSince;

  /** The callback was dialed: a straggling request must not open it again. */
  public boolean callbackDialed;

  public LiveContact() {}

  public static LiveContact of(InteractionEvent first) {
    LiveContact c = new LiveContact();
    c.tenantId = first.getTenantId();
    c.interactionId = first.getInteractionId();
    c.channel = first.getChannel();
    return c;
  }

  /** Nothing open: no wait, no callback pending, no agent busy with it. */
  public boolean finished() {
    return waitQueueId == null && callbackQueueId == null && agents.length == 0;
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
        String fromQueue = waitQueueId != null && at >= waitSince ? waitQueueId : null;
        endWait(WaitOutcome.ANSWERED, at, queues);
        String agent = e.getAgentId();
        if (agent != null && !Ids.contains(agents, agent) && !Ids.contains(wrappedUp, agent)) {
          legsInStep();
          agents = Ids.plus(agents, agent);
          agentQueues = Ids.plus(agentQueues, fromQueue);
          agentSince = Arrays.copyOf(agentSince, agentSince.length + 1);
          agentSince[agentSince.length - 1] = at;
          agentEdges.add(AgentSignal.contact(tenantId, agent, interactionId, +1, at));
        }
      }
      case CALLBACK_REQUESTED -> {
        String queue = waitQueueId != null && at >= waitSince ? waitQueueId : null;
        endWait(WaitOutcome.CALLBACK, at, queues);
        if (queue != null && !callbackDialed && callbackQueueId == null) {
          callbackQueueId = queue;
          callbackSince = at;
          queues.add(QueueSignal.callbackPending(this, queue, at));
        }
      }
      case CALLBACK_DIALED -> {
        callbackDialed = true;
        endCallback(at, queues);
      }
      case WRAPUP_ENDED -> {
        String agent = e.getAgentId();
        int i = agent == null ? -1 : Ids.indexOf(agents, agent);
        if (i >= 0) {
          legsInStep();
          if (agentQueues[i] != null && at >= agentSince[i]) {
            queues.add(QueueSignal.handled(this, agentQueues[i], agentSince[i], at));
          }
          agents = Ids.without(agents, i);
          agentQueues = Ids.without(agentQueues, i);
          agentSince = Ids.without(agentSince, i);
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
    endCallback(at, queues);
    for (String agent : agents) {
      agentEdges.add(AgentSignal.contact(tenantId, agent, interactionId, -1, at));
    }
    agents = new String[0];
    agentQueues = new String[0];
    agentSince = new long[0];
  }

  /** State from before the legs' queues were kept: their handle times are unknown. */
  private void legsInStep() {
    if (agentQueues == null || agentQueues.length != agents.length) {
      agentQueues = new String[agents.length];
      agentSince = new long[agents.length];
      Arrays.fill(agentSince, Long.MAX_VALUE); // never before a wrap-up: no handle time
    }
  }

  private void endCallback(long at, List<QueueSignal> queues) {
    if (callbackQueueId != null) {
      queues.add(QueueSignal.callbackTaken(this, Math.max(at, callbackSince)));
      callbackQueueId = null;
    }
  }

  private void endWait(WaitOutcome outcome, long at, List<QueueSignal> queues) {
    if (waitQueueId != null && at >= waitSince) {
      queues.add(QueueSignal.waitEnded(this, outcome, at));
      waitQueueId = null;
    }
  }
}
