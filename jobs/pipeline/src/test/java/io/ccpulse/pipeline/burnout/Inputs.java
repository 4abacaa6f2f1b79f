package io.ccpulse.pipeline.burnout;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.source.Inbound;
import java.time.Instant;
import java.util.List;

/** Hand-made burnout inputs for agent a-1 of tenant acme. */
final class Inputs {
  private static int eventNo;

  private Inputs() {}

  static long at(String day, String hhmm) {
    return Instant.parse("2026-01-" + day + "T" + hhmm + ":00Z").toEpochMilli();
  }

  static BurnoutInput presence(long at, AgentState state) {
    AgentStateEvent e =
        AgentStateEvent.newBuilder()
            .setEventId("s-" + (++eventNo))
            .setTenantId("acme")
            .setAgentId("a-1")
            .setState(state)
            .setOccurredAt(Instant.ofEpochMilli(at))
            .setQueueIds(List.of("q"))
            .build();
    return BurnoutInput.of(Inbound.of(e, "agent-states", 0, eventNo));
  }

  static BurnoutInput opened(long at, String interaction) {
    return contact(BurnoutInput.Kind.CONTACT_OPENED, at, interaction);
  }

  static BurnoutInput leg(long at, String interaction, long handleMs, boolean transferred) {
    BurnoutInput in = contact(BurnoutInput.Kind.LEG, at, interaction);
    in.handleMs = handleMs;
    in.transferred = transferred;
    return in;
  }

  static BurnoutInput retraction(BurnoutInput in) {
    BurnoutInput r = contact(in.kind, in.at, in.interactionId);
    r.handleMs = in.handleMs;
    r.transferred = in.transferred;
    r.sign = -in.sign;
    return r;
  }

  private static BurnoutInput contact(BurnoutInput.Kind kind, long at, String interaction) {
    BurnoutInput in = new BurnoutInput();
    in.kind = kind;
    in.tenantId = "acme";
    in.agentId = "a-1";
    in.at = at;
    in.interactionId = interaction;
    in.queueId = "q";
    in.channel = Channel.VOICE;
    return in;
  }
}
