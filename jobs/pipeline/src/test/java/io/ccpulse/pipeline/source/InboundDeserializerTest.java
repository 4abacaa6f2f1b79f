package io.ccpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboundDeserializerTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final long NOW = T0.plusSeconds(60).toEpochMilli();

  private final EventCodec<InteractionEvent> codec = EventCodec.interactions();
  private InboundDeserializer<InteractionEvent> deserializer;

  @BeforeEach
  void open() {
    deserializer =
        new InboundDeserializer<>(
            EventKind.INTERACTION, EventChecks.from(PipelineConfig.defaults()));
    deserializer.openStandalone();
  }

  static InteractionEvent.Builder event(InteractionType type) {
    return InteractionEvent.newBuilder()
        .setEventId("e-1")
        .setTenantId("acme")
        .setInteractionId("i-1")
        .setChannel(Channel.VOICE)
        .setType(type)
        .setOccurredAt(T0)
        .setQueueId("billing")
        .setAgentId("a-1");
  }

  @Test
  void passesAGoodEventWithItsSourcePosition() {
    InteractionEvent e = event(InteractionType.ANSWERED).build();
    Inbound<InteractionEvent> in = deserializer.decode(codec.encode(e), "interactions", 3, 42, NOW);
    assertThat(in.isRejected()).isFalse();
    assertThat(in.event).isEqualTo(e);
    assertThat(in.topic).isEqualTo("interactions");
    assertThat(in.partition).isEqualTo(3);
    assertThat(in.offset).isEqualTo(42);
  }

  @Test
  void rejectsUnreadableBytesKeepingThePayloadAndPosition() {
    byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    Inbound<InteractionEvent> in = deserializer.decode(garbage, "interactions", 1, 7, NOW);
    assertThat(in.rejected.reason).isEqualTo("UNREADABLE_BYTES");
    assertThat(in.rejected.payload).isEqualTo(garbage);
    assertThat(in.rejected.sourceTopic).isEqualTo("interactions");
    assertThat(in.rejected.sourcePartition).isEqualTo(1);
    assertThat(in.rejected.sourceOffset).isEqualTo(7);
    assertThat(in.rejected.rejectedAt).isEqualTo(NOW);
    assertThat(in.rejected.eventType).isEmpty();
  }

  @Test
  void rejectsARecordOfAnotherTopicAsUnknownSchema() {
    byte[] survey =
        EventCodec.surveys()
            .encode(
                SurveyEvent.newBuilder()
                    .setChannel(Channel.VOICE)
                    .setEventId("s")
                    .setTenantId("acme")
                    .setInteractionId("i")
                    .setAgentId("a")
                    .setCsat(5)
                    .setOccurredAt(T0)
                    .build());
    assertThat(deserializer.decode(survey, "interactions", 0, 0, NOW).rejected.reason)
        .isEqualTo("UNKNOWN_SCHEMA");
  }

  @Test
  void rejectsMissingFieldsNamingTheEvent() {
    InteractionEvent noAgent = event(InteractionType.HOLD_STARTED).setAgentId(null).build();
    RejectedEvent r =
        deserializer.decode(codec.encode(noAgent), "interactions", 0, 5, NOW).rejected;
    assertThat(r.reason).isEqualTo("INVALID_FIELD");
    assertThat(r.detail).isEqualTo("HOLD_STARTED needs agent_id");
    assertThat(r.eventType).isEqualTo("InteractionEvent.HOLD_STARTED");
    assertThat(r.tenantId).isEqualTo("acme");
    assertThat(r.eventId).isEqualTo("e-1");
    assertThat(r.occurredAt).isEqualTo(T0.toEpochMilli());

    InteractionEvent transferNowhere = event(InteractionType.TRANSFERRED).build();
    assertThat(deserializer.decode(codec.encode(transferNowhere), "t", 0, 6, NOW).rejected.detail)
        .isEqualTo("TRANSFERRED needs target_queue_id or target_agent_id");
  }

  @Test
  void rejectsEventsFromTheFutureBeyondTheAllowedSkew() {
    InteractionEvent withinSkew =
        event(InteractionType.QUEUED)
            .setOccurredAt(Instant.ofEpochMilli(NOW).plusSeconds(300))
            .build();
    assertThat(deserializer.decode(codec.encode(withinSkew), "t", 0, 1, NOW).isRejected())
        .isFalse();

    InteractionEvent beyond =
        event(InteractionType.QUEUED)
            .setOccurredAt(Instant.ofEpochMilli(NOW).plusSeconds(301))
            .build();
    RejectedEvent r = deserializer.decode(codec.encode(beyond), "t", 0, 2, NOW).rejected;
    assertThat(r.reason).isEqualTo("FUTURE_TIMESTAMP");
    assertThat(r.detail).contains("PT5M1S ahead");
    assertThat(r.occurredAt).isEqualTo(Instant.ofEpochMilli(NOW).plusSeconds(301).toEpochMilli());
  }

  @Test
  void keepsAnEventTimeTheTableCannotHoldOutOfTheRejection() {
    // rejected_events.occurred_at is a DateTime64(3) written as nanoseconds: 9999 does not fit, and
    // the rejection itself was a row ClickHouse refused.
    InteractionEvent far =
        event(InteractionType.QUEUED).setOccurredAt(Instant.parse("9999-12-31T23:59:59Z")).build();
    RejectedEvent r = deserializer.decode(codec.encode(far), "t", 0, 3, NOW).rejected;
    assertThat(r.reason).isEqualTo("FUTURE_TIMESTAMP");
    assertThat(r.occurredAt).isNull();
    InteractionEvent epoch = event(InteractionType.QUEUED).setOccurredAt(Instant.EPOCH).build();
    assertThat(deserializer.decode(codec.encode(epoch), "t", 0, 4, NOW).rejected.occurredAt)
        .isEqualTo(0L);
    assertThat(RejectedEvent.storable(Instant.parse("1899-12-31T23:59:59Z").toEpochMilli()))
        .isNull();
    assertThat(RejectedEvent.storable(Instant.parse("2261-12-31T23:59:59Z").toEpochMilli()))
        .isNotNull();
  }

  @Test
  void storesAMegabyteIdCut() {
    InteractionEvent huge = event(InteractionType.QUEUED).setEventId("e".repeat(1_000_000)).build();
    RejectedEvent r = deserializer.decode(codec.encode(huge), "t", 0, 5, NOW).rejected;
    assertThat(r.reason).isEqualTo("FIELD_TOO_LONG");
    assertThat(r.eventId).hasSize(RejectedEvent.MAX_STORED_ID + 1).endsWith("e…");
  }
}
