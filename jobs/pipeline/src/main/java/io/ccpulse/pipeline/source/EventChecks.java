package io.ccpulse.pipeline.source;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;

/** The fields each event type needs beyond what the Avro schema enforces. Null means fine. */
final class EventChecks {
  private EventChecks() {}

  static String interaction(InteractionEvent e) {
    if (blank(e.getEventId()) || blank(e.getTenantId()) || blank(e.getInteractionId())) {
      return "event_id, tenant_id and interaction_id must not be empty";
    }
    switch (e.getType()) {
      case QUEUED:
      case ABANDONED:
        return blank(e.getQueueId()) ? e.getType() + " needs queue_id" : null;
      case ANSWERED:
      case HOLD_STARTED:
      case HOLD_ENDED:
      case TALK_ENDED:
      case WRAPUP_ENDED:
        return blank(e.getAgentId()) ? e.getType() + " needs agent_id" : null;
      case TRANSFERRED:
        if (blank(e.getAgentId())) {
          return "TRANSFERRED needs agent_id (the transferring agent)";
        }
        return blank(e.getTargetQueueId()) && blank(e.getTargetAgentId())
            ? "TRANSFERRED needs target_queue_id or target_agent_id"
            : null;
      default:
        return null;
    }
  }

  static String agentState(AgentStateEvent e) {
    if (blank(e.getEventId()) || blank(e.getTenantId()) || blank(e.getAgentId())) {
      return "event_id, tenant_id and agent_id must not be empty";
    }
    if (e.getMaxConcurrentContacts() != null && e.getMaxConcurrentContacts() < 1) {
      return "max_concurrent_contacts must be at least 1, got " + e.getMaxConcurrentContacts();
    }
    if (e.getState() == AgentState.LOGGED_IN && e.getQueueIds().isEmpty()) {
      return "LOGGED_IN needs the queue_ids the agent serves";
    }
    return null;
  }

  static String survey(SurveyEvent e) {
    if (blank(e.getEventId()) || blank(e.getTenantId()) || blank(e.getInteractionId()) || blank(e.getAgentId())) {
      return "event_id, tenant_id, interaction_id and agent_id must not be empty";
    }
    return e.getCsat() < 1 || e.getCsat() > 5 ? "csat must be 1 to 5, got " + e.getCsat() : null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
