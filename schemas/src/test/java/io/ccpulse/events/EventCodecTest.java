package io.ccpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private final EventCodec<InteractionEvent> interactions = EventCodec.interactions();

  static InteractionEvent answered() {
    return InteractionEvent.newBuilder()
        .setEventId("e-1")
        .setTenantId("acme")
        .setInteractionId("i-1")
        .setCustomerId("c-9")
        .setChannel(Channel.VOICE)
        .setType(InteractionType.ANSWERED)
        .setOccurredAt(T0)
        .setQueueId("billing")
        .setAgentId("a-7")
        .build();
  }

  @Test
  void roundTripsEveryEventType() {
    InteractionEvent interaction = answered();
    assertThat(interactions.decode(interactions.encode(interaction)).event())
        .isEqualTo(interaction);

    AgentStateEvent state =
        AgentStateEvent.newBuilder()
            .setEventId("s-1")
            .setTenantId("acme")
            .setAgentId("a-7")
            .setState(AgentState.LOGGED_IN)
            .setOccurredAt(T0)
            .setQueueIds(List.of("billing", "sales"))
            .setMaxConcurrentContacts(3)
            .build();
    EventCodec<AgentStateEvent> states = EventCodec.agentStates();
    assertThat(states.decode(states.encode(state)).event()).isEqualTo(state);

    SurveyEvent survey =
        SurveyEvent.newBuilder()
            .setChannel(Channel.VOICE)
            .setEventId("v-1")
            .setTenantId("acme")
            .setInteractionId("i-1")
            .setAgentId("a-7")
            .setCsat(4)
            .setOccurredAt(T0)
            .build();
    EventCodec<SurveyEvent> surveys = EventCodec.surveys();
    assertThat(surveys.decode(surveys.encode(survey)).event()).isEqualTo(survey);
  }

  /**
   * A survey written by a producer still on SurveyEvent v1 (no likelihood to recommend) reads as
   * the current schema with no NPS: the CSAT it carries still counts, its nps is absent, not 0.
   */
  @Test
  void readsASurveyWrittenWithTheV1SchemaAsOneWithoutNps() throws Exception {
    EventCodec<SurveyEvent> surveys = EventCodec.surveys();
    Schema v1 = surveys.history().versions().get(0);
    assertThat(v1.getField("nps")).isNull();
    GenericRecord old = new GenericData.Record(v1);
    old.put("event_id", "v-1");
    old.put("tenant_id", "acme");
    old.put("interaction_id", "i-1");
    old.put("channel", new GenericData.EnumSymbol(v1.getField("channel").schema(), "CHAT"));
    old.put("agent_id", "a-7");
    old.put("queue_id", "billing");
    old.put("csat", 4);
    old.put("occurred_at", T0.toEpochMilli());
    byte[] bytes = toBytes(new BinaryMessageEncoder<>(GenericData.get(), v1), old);

    DecodeResult<SurveyEvent> read = surveys.decode(bytes);
    assertThat(read.isOk()).as("%s", read).isTrue();
    assertThat(read.writerVersion()).isEqualTo(1);
    assertThat(read.event().getCsat()).isEqualTo(4);
    assertThat(read.event().getChannel()).isEqualTo(Channel.CHAT);
    assertThat(read.event().getQueueId()).isEqualTo("billing");
    assertThat(read.event().getNps()).isNull();

    SurveyEvent current = SurveyEvent.newBuilder(read.event()).setNps(9).build();
    DecodeResult<SurveyEvent> again = surveys.decode(surveys.encode(current));
    assertThat(again.writerVersion()).isEqualTo(2);
    assertThat(again.event().getNps()).isEqualTo(9);
  }

  /**
   * An interaction written by a producer still on InteractionEvent v1 (no callback types) reads as
   * the current schema, every field as written; the callback types are v2's and only v2 writes
   * them.
   */
  @Test
  void readsAnInteractionWrittenWithTheV1SchemaAndWritesCallbacksAsV2() throws Exception {
    Schema v1 = interactions.history().versions().get(0);
    Schema v1Types = v1.getField("type").schema();
    assertThat(v1Types.hasEnumSymbol("CALLBACK_REQUESTED")).isFalse();
    GenericRecord old = new GenericData.Record(v1);
    old.put("event_id", "e-1");
    old.put("tenant_id", "acme");
    old.put("interaction_id", "i-1");
    old.put("customer_id", "c-9");
    old.put("channel", new GenericData.EnumSymbol(v1.getField("channel").schema(), "VOICE"));
    old.put("type", new GenericData.EnumSymbol(v1Types, "ABANDONED"));
    old.put("occurred_at", T0.toEpochMilli());
    old.put("queue_id", "billing");
    byte[] bytes = toBytes(new BinaryMessageEncoder<>(GenericData.get(), v1), old);

    DecodeResult<InteractionEvent> read = interactions.decode(bytes);
    assertThat(read.isOk()).as("%s", read).isTrue();
    assertThat(read.writerVersion()).isEqualTo(1);
    assertThat(read.event().getType()).isEqualTo(InteractionType.ABANDONED);
    assertThat(read.event().getQueueId()).isEqualTo("billing");
    assertThat(read.event().getCustomerId()).isEqualTo("c-9");

    InteractionEvent callback =
        InteractionEvent.newBuilder(read.event())
            .setType(InteractionType.CALLBACK_REQUESTED)
            .build();
    DecodeResult<InteractionEvent> again = interactions.decode(interactions.encode(callback));
    assertThat(again.writerVersion()).isEqualTo(2);
    assertThat(again.event().getType()).isEqualTo(InteractionType.CALLBACK_REQUESTED);
    InteractionEvent dialed =
        InteractionEvent.newBuilder(callback)
            .setType(InteractionType.CALLBACK_DIALED)
            .setAgentId("a-7")
            .build();
    assertThat(interactions.decode(interactions.encode(dialed)).event()).isEqualTo(dialed);
  }

  @Test
  void writesSingleObjectHeaderOfTheCurrentSchema() {
    byte[] bytes = interactions.encode(answered());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint =
        ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(EventCodec.fingerprint(InteractionEvent.getClassSchema()));
  }

  static Stream<Arguments> releasedVersions() {
    return Stream.of(
            new Object[] {EventCodec.interactions(), InteractionEvent.getClassSchema()},
            new Object[] {EventCodec.agentStates(), AgentStateEvent.getClassSchema()},
            new Object[] {EventCodec.surveys(), SurveyEvent.getClassSchema()})
        .flatMap(
            c -> {
              EventCodec<?> codec = (EventCodec<?>) c[0];
              List<Schema> versions = codec.history().versions();
              return java.util.stream.IntStream.range(0, versions.size())
                  .mapToObj(i -> Arguments.of(codec.history().recordName(), i + 1, codec, c[1]));
            });
  }

  /** Every released version's data reads with the current schema, field by field. */
  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("releasedVersions")
  void currentSchemaReadsEveryReleasedVersion(
      String name, int version, EventCodec<?> codec, Schema current) {
    Schema writer = codec.history().versions().get(version - 1);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType())
        .as("current %s can read v%d", name, version)
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

    BinaryMessageEncoder<GenericRecord> oldProducer =
        new BinaryMessageEncoder<>(GenericData.get(), writer);
    RandomRecords random = new RandomRecords(42L + version);
    for (int i = 0; i < 200; i++) {
      GenericRecord written = random.record(writer);
      DecodeResult<?> read = codec.decode(toBytes(oldProducer, written));
      assertThat(read.isOk()).as("%s", read).isTrue();
      assertThat(read.writerVersion()).isEqualTo(version);
      SpecificRecord event = (SpecificRecord) read.event();
      for (Schema.Field field : writer.getFields()) {
        Schema.Field readerField = current.getField(field.name());
        if (readerField != null) {
          assertThat(String.valueOf(normalise(event.get(readerField.pos()))))
              .as("%s.%s", name, field.name())
              .isEqualTo(String.valueOf(normalise(written.get(field.pos()))));
        }
      }
    }
  }

  /**
   * A release adds a history file; a schema change without one would leave producers unreadable.
   */
  @Test
  void currentSchemasAreReleased() {
    assertLatest(EventCodec.interactions(), InteractionEvent.getClassSchema());
    assertLatest(EventCodec.agentStates(), AgentStateEvent.getClassSchema());
    assertLatest(EventCodec.surveys(), SurveyEvent.getClassSchema());
  }

  @Test
  void rejectsBytesThatAreNotSingleObjectEncoding() {
    DecodeResult<InteractionEvent> tooShort =
        interactions.decode(new byte[] {(byte) 0xC3, 0x01, 5});
    assertThat(tooShort.reason()).isEqualTo(RejectReason.UNREADABLE_BYTES);

    byte[] json = "{\"event_id\":\"e-1\",\"type\":\"QUEUED\"}".getBytes();
    DecodeResult<InteractionEvent> notAvro = interactions.decode(json);
    assertThat(notAvro.reason()).isEqualTo(RejectReason.UNREADABLE_BYTES);
    assertThat(notAvro.detail()).contains("bad magic 7B 22");
    assertThat(interactions.decode(null).reason()).isEqualTo(RejectReason.UNREADABLE_BYTES);
  }

  @Test
  void rejectsAnUnknownFingerprint() {
    byte[] bytes = interactions.encode(answered());
    bytes[5] ^= 0x5A;
    DecodeResult<InteractionEvent> result = interactions.decode(bytes);
    assertThat(result.reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA);
    assertThat(result.detail()).contains("no released version of InteractionEvent");
  }

  @Test
  void rejectsAgentStateBytesOnTheInteractionsCodec() {
    EventCodec<AgentStateEvent> states = EventCodec.agentStates();
    byte[] state =
        states.encode(
            AgentStateEvent.newBuilder()
                .setEventId("s")
                .setTenantId("t")
                .setAgentId("a")
                .setState(AgentState.BREAK)
                .setOccurredAt(T0)
                .build());
    assertThat(interactions.decode(state).reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA);
  }

  @Test
  void rejectsATruncatedOrCorruptBody() {
    byte[] bytes = interactions.encode(answered());
    DecodeResult<InteractionEvent> truncated = interactions.decode(Arrays.copyOf(bytes, 14));
    assertThat(truncated.reason()).isEqualTo(RejectReason.MALFORMED_BODY);
    assertThat(truncated.detail()).startsWith("InteractionEvent v2 body does not decode");

    byte[] corrupt = bytes.clone();
    // The channel enum index sits after the strings; an index past the symbols is corrupt data.
    int channelAt =
        10 + 1 + "e-1".length() + 1 + "acme".length() + 1 + "i-1".length() + 1 + 1 + "c-9".length();
    corrupt[channelAt] = 0x7E;
    assertThat(interactions.decode(corrupt).reason()).isEqualTo(RejectReason.MALFORMED_BODY);
  }

  @Test
  void refusesToEncodeAnIncompleteEvent() {
    InteractionEvent missingTenant = answered();
    missingTenant.put("tenant_id", null);
    assertThatThrownBy(() -> interactions.encode(missingTenant))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InteractionEvent");
  }

  private static void assertLatest(EventCodec<?> codec, Schema current) {
    List<Schema> versions = codec.history().versions();
    assertThat(EventCodec.fingerprint(versions.get(versions.size() - 1)))
        .as(
            "%s: src/main/avro differs from the latest file in avro-history; add v%d.avsc",
            codec.history().recordName(), versions.size() + 1)
        .isEqualTo(EventCodec.fingerprint(current));
  }

  private static byte[] toBytes(BinaryMessageEncoder<GenericRecord> encoder, GenericRecord record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Compares values across generic and specific representations (enums, times, strings). */
  private static Object normalise(Object value) {
    if (value instanceof Instant) {
      return ((Instant) value).toEpochMilli();
    }
    if (value instanceof List) {
      return ((List<?>) value).stream().map(EventCodecTest::normalise).toList();
    }
    return value == null ? null : value.toString();
  }
}
