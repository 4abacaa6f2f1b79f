package io.ccpulse.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.RejectReason;
import io.ccpulse.pipeline.testing.RoundTrip;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** An Inbound between operators: its event as the bytes it was read from. */
class InboundSerializerTest {
  private final TypeSerializer<Inbound<InteractionEvent>> serializer =
      EventKind.INTERACTION.inboundType().createSerializer(new SerializerConfigImpl());

  private static InteractionEvent event(String id) {
    return InteractionEvent.newBuilder()
        .setEventId(id)
        .setTenantId("t-1")
        .setInteractionId("c-1")
        .setChannel(Channel.VOICE)
        .setType(InteractionType.QUEUED)
        .setOccurredAt(Instant.ofEpochMilli(1_767_600_000_000L))
        .setQueueId("q-1")
        .build();
  }

  private Inbound<InteractionEvent> roundTrip(Inbound<InteractionEvent> in) throws IOException {
    return RoundTrip.of(serializer, in);
  }

  @Test
  void anEventGoesAsTheBytesItWasReadFrom() throws IOException {
    Inbound<InteractionEvent> in = Inbound.of(event("e-1"), "interactions", 1, 42);
    // bytes of another event: what arrives shows what was sent
    in.payload = EventCodec.interactions().encode(event("e-2"));
    in.arrivedAt = 5;
    in.partitionClock = 7;
    Inbound<InteractionEvent> back = roundTrip(in);
    assertThat(back.event).isEqualTo(event("e-2"));
    assertThat(back.payload).as("not kept: an event kept in state would hold it").isNull();
    assertThat(back.topic).isEqualTo("interactions");
    assertThat(back.partition).isEqualTo(1);
    assertThat(back.offset).isEqualTo(42);
    assertThat(back.arrivedAt).isEqualTo(5);
    assertThat(back.partitionClock).isEqualTo(7);
    assertThat(back.rejected).isNull();
  }

  @Test
  void eventsReadByOneSerializerShareTheirRecurringIdsAndKeepTheirOwn() throws IOException {
    Inbound<InteractionEvent> a = roundTrip(Inbound.of(event("e-1"), "interactions", 0, 1));
    Inbound<InteractionEvent> b = roundTrip(Inbound.of(event("e-2"), "interactions", 0, 2));
    assertThat(a.event).isEqualTo(event("e-1"));
    assertThat(b.event).isEqualTo(event("e-2"));
    assertThat(b.event.getTenantId()).isSameAs(a.event.getTenantId());
    assertThat(b.event.getQueueId()).isSameAs(a.event.getQueueId());
    assertThat(b.event.getInteractionId())
        .as("a contact's own id: one per contact, not shared")
        .isNotSameAs(a.event.getInteractionId());
  }

  @Test
  void anEventWithoutItsBytesIsEncoded() throws IOException {
    Inbound<InteractionEvent> back = roundTrip(Inbound.of(event("e-1"), null, 0, 0));
    assertThat(back.event).isEqualTo(event("e-1"));
    assertThat(back.topic).isNull();
  }

  @Test
  void aRejectionGoesWhole() throws IOException {
    RejectedEvent r =
        RejectedEvent.of(
            RejectReason.UNREADABLE_BYTES, "bad", "interactions", 0, 9, new byte[] {1, 2}, 3);
    Inbound<InteractionEvent> back = roundTrip(Inbound.rejected(r));
    assertThat(back.event).isNull();
    assertThat(back.rejected.detail).isEqualTo("bad");
    assertThat(back.rejected.payload).containsExactly(1, 2);
    assertThat(back.offset).isEqualTo(9);
  }

  @Test
  void itsSnapshotRestoresTheSameSerializer() throws IOException {
    TypeSerializerSnapshot<Inbound<InteractionEvent>> snapshot = serializer.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    TypeSerializerSnapshot<Inbound<InteractionEvent>> read =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(read.restoreSerializer()).isEqualTo(serializer);
    assertThat(snapshot.resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
  }
}
