package io.ccpulse.pipeline.contact;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import java.time.Instant;

/** Terse hand-written steps of one contact: {@code at(90).answered("a-1")} is 90 s after T0. */
final class Steps {
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static int next;

  private final long seconds;

  private Steps(long seconds) {
    this.seconds = seconds;
  }

  static Steps at(long secondsAfterT0) {
    return new Steps(secondsAfterT0);
  }

  static long ms(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0).toEpochMilli();
  }

  InteractionEvent queued(String queue) {
    return base(InteractionType.QUEUED).setQueueId(queue).build();
  }

  InteractionEvent abandoned(String queue) {
    return base(InteractionType.ABANDONED).setQueueId(queue).build();
  }

  InteractionEvent answered(String agent) {
    return base(InteractionType.ANSWERED).setAgentId(agent).build();
  }

  InteractionEvent holdStarted(String agent) {
    return base(InteractionType.HOLD_STARTED).setAgentId(agent).build();
  }

  InteractionEvent holdEnded(String agent) {
    return base(InteractionType.HOLD_ENDED).setAgentId(agent).build();
  }

  InteractionEvent talkEnded(String agent) {
    return base(InteractionType.TALK_ENDED).setAgentId(agent).build();
  }

  InteractionEvent transferredToQueue(String agent, String queue) {
    return base(InteractionType.TRANSFERRED).setAgentId(agent).setTargetQueueId(queue).build();
  }

  InteractionEvent transferredToAgent(String agent, String target) {
    return base(InteractionType.TRANSFERRED).setAgentId(agent).setTargetAgentId(target).build();
  }

  InteractionEvent callbackRequested(String queue) {
    return base(InteractionType.CALLBACK_REQUESTED).setQueueId(queue).build();
  }

  InteractionEvent callbackDialed(String queue, String agent) {
    return base(InteractionType.CALLBACK_DIALED).setQueueId(queue).setAgentId(agent).build();
  }

  InteractionEvent wrapupEnded(String agent) {
    return base(InteractionType.WRAPUP_ENDED).setAgentId(agent).build();
  }

  private InteractionEvent.Builder base(InteractionType type) {
    return InteractionEvent.newBuilder()
        .setEventId("e-" + (++next))
        .setTenantId("acme")
        .setInteractionId("i-1")
        .setChannel(Channel.VOICE)
        .setType(type)
        .setOccurredAt(T0.plusSeconds(seconds));
  }
}
