package io.ccpulse.simulator.engine;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.DisconnectParty;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.SurveyEvent;
import java.time.Instant;
import java.util.List;

/** Builds the Avro events, each with a fresh event id. */
final class EventFactory {
  private final Ids ids;

  EventFactory(Ids ids) {
    this.ids = ids;
  }

  InteractionEvent interaction(
      ContactRt c, InteractionType type, long at, String queue, String agent) {
    return new InteractionEvent(
        ids.event(),
        c.tenantId,
        c.id,
        c.customerId,
        c.channel,
        type,
        Instant.ofEpochMilli(at),
        queue,
        agent,
        null,
        null,
        null,
        null);
  }

  /** An injected impossible event, with an id from the fault sequence. */
  InteractionEvent impossible(
      ContactRt c, InteractionType type, long at, String queue, String agent) {
    return new InteractionEvent(
        ids.faultEvent(),
        c.tenantId,
        c.id,
        c.customerId,
        c.channel,
        type,
        Instant.ofEpochMilli(at),
        queue,
        agent,
        null,
        null,
        null,
        null);
  }

  InteractionEvent transferred(
      ContactRt c, long at, String queue, String agent, String targetQueue, String targetAgent) {
    return new InteractionEvent(
        ids.event(),
        c.tenantId,
        c.id,
        c.customerId,
        c.channel,
        InteractionType.TRANSFERRED,
        Instant.ofEpochMilli(at),
        queue,
        agent,
        targetQueue,
        targetAgent,
        null,
        null);
  }

  InteractionEvent talkEnded(
      ContactRt c, long at, String queue, String agent, DisconnectParty party) {
    return new InteractionEvent(
        ids.event(),
        c.tenantId,
        c.id,
        c.customerId,
        c.channel,
        InteractionType.TALK_ENDED,
        Instant.ofEpochMilli(at),
        queue,
        agent,
        null,
        null,
        party,
        null);
  }

  InteractionEvent wrapupEnded(ContactRt c, long at, String queue, String agent, String code) {
    return new InteractionEvent(
        ids.event(),
        c.tenantId,
        c.id,
        c.customerId,
        c.channel,
        InteractionType.WRAPUP_ENDED,
        Instant.ofEpochMilli(at),
        queue,
        agent,
        null,
        null,
        null,
        code);
  }

  AgentStateEvent agentState(AgentRt a, AgentState state, long at) {
    boolean login = state == AgentState.LOGGED_IN;
    List<String> queues = login ? a.profile.queueIds() : List.of();
    return new AgentStateEvent(
        ids.event(),
        a.profile.tenantId(),
        a.id(),
        state,
        Instant.ofEpochMilli(at),
        queues,
        login ? a.profile.capacity() : null);
  }

  SurveyEvent survey(ContactRt c, String agent, String queue, int csat, Integer nps, long at) {
    return new SurveyEvent(
        ids.event(),
        c.tenantId,
        c.id,
        c.channel,
        agent,
        queue,
        csat,
        Instant.ofEpochMilli(at),
        nps);
  }
}
