package io.ccpulse.pipeline;

import io.ccpulse.events.Channel;
import io.ccpulse.events.DisconnectParty;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-written contacts for tests. */
final class TestEvents {
  private TestEvents() {}

  /** A voice contact: queued, answered after 15 s, 2 min talk with a 30 s hold, 45 s wrap-up. */
  static List<InteractionEvent> contact(String tenant, String interactionId, Instant queuedAt) {
    List<InteractionEvent> events = new ArrayList<>();
    events.add(step(tenant, interactionId, 1, InteractionType.QUEUED, queuedAt, null).build());
    events.add(
        step(tenant, interactionId, 2, InteractionType.ANSWERED, queuedAt.plusSeconds(15), "a-1")
            .build());
    events.add(
        step(
                tenant,
                interactionId,
                3,
                InteractionType.HOLD_STARTED,
                queuedAt.plusSeconds(60),
                "a-1")
            .build());
    events.add(
        step(tenant, interactionId, 4, InteractionType.HOLD_ENDED, queuedAt.plusSeconds(90), "a-1")
            .build());
    events.add(
        step(tenant, interactionId, 5, InteractionType.TALK_ENDED, queuedAt.plusSeconds(135), "a-1")
            .setDisconnectParty(DisconnectParty.CUSTOMER)
            .build());
    events.add(
        step(
                tenant,
                interactionId,
                6,
                InteractionType.WRAPUP_ENDED,
                queuedAt.plusSeconds(180),
                "a-1")
            .setWrapupCode("resolved")
            .build());
    return events;
  }

  static InteractionEvent.Builder step(
      String tenant, String interactionId, int n, InteractionType type, Instant at, String agent) {
    return InteractionEvent.newBuilder()
        .setEventId(interactionId + "-" + n)
        .setTenantId(tenant)
        .setInteractionId(interactionId)
        .setCustomerId("c-" + interactionId)
        .setChannel(Channel.VOICE)
        .setType(type)
        .setOccurredAt(at)
        .setQueueId("billing")
        .setAgentId(agent);
  }
}
