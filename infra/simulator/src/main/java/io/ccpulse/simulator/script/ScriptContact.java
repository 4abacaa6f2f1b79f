package io.ccpulse.simulator.script;

import io.ccpulse.events.Channel;
import io.ccpulse.events.DisconnectParty;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes one contact's events into a {@link Script}; leg events carry the queue of the agent's leg.
 */
public final class ScriptContact {
  private final Script script;
  private final String tenantId;
  private final String interactionId;
  private final Channel channel;
  private final String customerId;
  private final Map<String, String> legQueue = new HashMap<>();
  private String lastQueue;

  ScriptContact(
      Script script, String tenantId, String interactionId, Channel channel, String customerId) {
    this.script = script;
    this.tenantId = tenantId;
    this.interactionId = interactionId;
    this.channel = channel;
    this.customerId = customerId;
  }

  public ScriptContact queued(String time, String queueId) {
    lastQueue = queueId;
    return event(time, InteractionType.QUEUED, queueId, null, null, null, null);
  }

  public ScriptContact abandoned(String time) {
    return event(time, InteractionType.ABANDONED, lastQueue, null, null, null, null);
  }

  /**
   * Answered from the queue waited in (or, after a direct transfer, the transferring leg's queue).
   */
  public ScriptContact answered(String time, String agentId) {
    legQueue.put(agentId, lastQueue);
    return event(time, InteractionType.ANSWERED, lastQueue, agentId, null, null, null);
  }

  /** The customer waiting in the last queue asks to be called back. */
  public ScriptContact callbackRequested(String time) {
    return event(time, InteractionType.CALLBACK_REQUESTED, lastQueue, null, null, null, null);
  }

  /** An agent takes the callback and dials; the agent's ANSWERED then starts the callback leg. */
  public ScriptContact callbackDialed(String time, String agentId) {
    return event(time, InteractionType.CALLBACK_DIALED, lastQueue, agentId, null, null, null);
  }

  public ScriptContact holdStarted(String time, String agentId) {
    return event(
        time, InteractionType.HOLD_STARTED, legQueue.get(agentId), agentId, null, null, null);
  }

  public ScriptContact holdEnded(String time, String agentId) {
    return event(
        time, InteractionType.HOLD_ENDED, legQueue.get(agentId), agentId, null, null, null);
  }

  public ScriptContact transferredToQueue(String time, String agentId, String targetQueueId) {
    return event(
        time,
        InteractionType.TRANSFERRED,
        legQueue.get(agentId),
        agentId,
        targetQueueId,
        null,
        null);
  }

  public ScriptContact transferredToAgent(String time, String agentId, String targetAgentId) {
    lastQueue = legQueue.get(agentId);
    return event(
        time,
        InteractionType.TRANSFERRED,
        legQueue.get(agentId),
        agentId,
        null,
        targetAgentId,
        null);
  }

  public ScriptContact talkEnded(String time, String agentId) {
    return event(
        time,
        InteractionType.TALK_ENDED,
        legQueue.get(agentId),
        agentId,
        null,
        null,
        DisconnectParty.CUSTOMER);
  }

  public ScriptContact wrapupEnded(String time, String agentId) {
    InteractionEvent e =
        new InteractionEvent(
            script.id(),
            tenantId,
            interactionId,
            customerId,
            channel,
            InteractionType.WRAPUP_ENDED,
            script.at(time),
            legQueue.get(agentId),
            agentId,
            null,
            null,
            null,
            "resolved");
    script.add(e);
    return this;
  }

  private ScriptContact event(
      String time,
      InteractionType type,
      String queue,
      String agent,
      String targetQueue,
      String targetAgent,
      DisconnectParty party) {
    script.add(
        new InteractionEvent(
            script.id(),
            tenantId,
            interactionId,
            customerId,
            channel,
            type,
            script.at(time),
            queue,
            agent,
            targetQueue,
            targetAgent,
            party,
            null));
    return this;
  }
}
