package io.ccpulse.pipeline.queue;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.key.TenantKey;

/**
 * Something a queue's live view must apply: a contact started or ended a wait there, or an agent
 * serving it changed (or left it). A Flink POJO; {@link #at} is event time, {@link #knownAt} when
 * the live view applies it.
 */
public class QueueSignal {
  public enum Kind {
    WAIT_STARTED,
    WAIT_ENDED,
    /** A leg answered from the queue was wrapped up: its handle time. */
    HANDLED,
    /** A callback was requested in the queue and waits to be dialed. */
    CALLBACK_PENDING,
    /** The pending callback was dialed (or its contact closed): no longer pending. */
    CALLBACK_TAKEN,
    AGENT
  }

  public Kind kind;
  public String tenantId;
  public String queueId;
  public long at;

  /**
   * When the live view applies it: its event time, or later for an event that reached Kafka after
   * its partition's clock had passed it ({@link LiveMoment}). Never before {@link #at}.
   */
  public long knownAt;

  /** Waits: the contact, its channel, when it entered the queue, how the wait ended. */
  public String interactionId;

  public Channel channel;
  public long queuedAt;
  public WaitOutcome outcome;

  /** HANDLED: answer to wrap-up end of the leg. */
  public long handleMs;

  /** Agents: who, and their status now; null status = no longer serves the queue. */
  public String agentId;

  public AgentStatus status;

  public QueueSignal() {}

  static QueueSignal waitStarted(LiveContact c, String queueId, long at) {
    QueueSignal s = wait(Kind.WAIT_STARTED, c, queueId, at);
    s.queuedAt = at;
    return s;
  }

  static QueueSignal waitEnded(LiveContact c, WaitOutcome outcome, long at) {
    QueueSignal s = wait(Kind.WAIT_ENDED, c, c.waitQueueId, at);
    s.queuedAt = c.waitSince;
    s.outcome = outcome;
    return s;
  }

  static QueueSignal callbackPending(LiveContact c, String queueId, long at) {
    QueueSignal s = wait(Kind.CALLBACK_PENDING, c, queueId, at);
    s.queuedAt = at;
    return s;
  }

  static QueueSignal callbackTaken(LiveContact c, long at) {
    QueueSignal s = wait(Kind.CALLBACK_TAKEN, c, c.callbackQueueId, at);
    s.queuedAt = c.callbackSince;
    return s;
  }

  static QueueSignal handled(LiveContact c, String queueId, long answeredAt, long at) {
    QueueSignal s = wait(Kind.HANDLED, c, queueId, at);
    s.handleMs = at - answeredAt;
    return s;
  }

  static QueueSignal agent(
      String tenantId, String queueId, String agentId, AgentStatus status, long at) {
    QueueSignal s = new QueueSignal();
    s.kind = Kind.AGENT;
    s.tenantId = tenantId;
    s.queueId = queueId;
    s.agentId = agentId;
    s.status = status;
    s.at = at;
    s.knownAt = at;
    return s;
  }

  private static QueueSignal wait(Kind kind, LiveContact c, String queueId, long at) {
    QueueSignal s = new QueueSignal();
    s.kind = kind;
    s.tenantId = c.tenantId;
    s.queueId = queueId;
    s.interactionId = c.interactionId;
    s.channel = c.channel;
    s.at = at;
    s.knownAt = at;
    return s;
  }

  public TenantKey key() {
    return TenantKey.of(tenantId, queueId);
  }

  @Override
  public String toString() {
    return kind
        + "("
        + queueId
        + " @"
        + at
        + (knownAt != at ? " known " + knownAt : "")
        + (interactionId != null ? " " + interactionId : "")
        + (outcome != null ? " " + outcome : "")
        + (agentId != null ? " " + agentId + "=" + status : "")
        + ")";
  }
}
