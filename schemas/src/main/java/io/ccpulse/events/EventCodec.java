package io.ccpulse.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (magic {@code C3 01}, 8-byte little-endian CRC-64-AVRO fingerprint of
 * the writer schema, body) for one event type.
 *
 * <p>Writes with the current schema; reads every released version, resolved to the current one.
 * {@link #decode} never throws: unreadable input comes back as a {@link DecodeResult} with the
 * reason, so a poison message cannot stop a job. Instances are thread-safe (Avro keeps per-thread
 * buffers) but not serializable: create one per operator instance in {@code open()}.
 */
public final class EventCodec<T extends SpecificRecord> {
  private static final int HEADER_LENGTH = 10;
  private static final byte MAGIC_0 = (byte) 0xC3;
  private static final byte MAGIC_1 = (byte) 0x01;

  private final SchemaHistory history;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private EventCodec(
      SchemaHistory history,
      BinaryMessageEncoder<T> encoder,
      Function<SchemaStore, BinaryMessageDecoder<T>> decoderFactory) {
    this.history = history;
    this.encoder = encoder;
    SchemaStore.Cache known = new SchemaStore.Cache();
    history.versions().forEach(known::addSchema);
    this.decoder = decoderFactory.apply(known);
  }

  public static EventCodec<InteractionEvent> interactions() {
    return new EventCodec<>(
        SchemaHistory.of("InteractionEvent"),
        InteractionEvent.getEncoder(),
        InteractionEvent::createDecoder);
  }

  public static EventCodec<AgentStateEvent> agentStates() {
    return new EventCodec<>(
        SchemaHistory.of("AgentStateEvent"),
        AgentStateEvent.getEncoder(),
        AgentStateEvent::createDecoder);
  }

  public static EventCodec<SurveyEvent> surveys() {
    return new EventCodec<>(
        SchemaHistory.of("SurveyEvent"), SurveyEvent.getEncoder(), SurveyEvent::createDecoder);
  }

  public SchemaHistory history() {
    return history;
  }

  /** Encodes with the current schema. */
  public byte[] encode(T event) {
    try {
      ByteBuffer buffer = encoder.encode(event);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot encode " + history.recordName() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Avro reports a null in a non-null field as NullPointerException or AvroRuntimeException.
      throw new IllegalArgumentException("Cannot encode " + history.recordName() + ": " + e, e);
    }
  }

  /** Decodes any released version into the current schema; never throws. */
  public DecodeResult<T> decode(byte[] payload) {
    if (payload == null || payload.length < HEADER_LENGTH) {
      return DecodeResult.rejected(
          RejectReason.UNREADABLE_BYTES,
          "expected Avro single-object encoding (at least 10 bytes), got "
              + (payload == null ? "null" : payload.length + " bytes"));
    }
    if (payload[0] != MAGIC_0 || payload[1] != MAGIC_1) {
      return DecodeResult.rejected(
          RejectReason.UNREADABLE_BYTES,
          String.format(
              "bad magic %02X %02X, expected C3 01 (Avro single-object encoding)",
              payload[0], payload[1]));
    }
    long fingerprint = ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    int version = history.versionOf(fingerprint);
    if (version == 0) {
      return DecodeResult.rejected(
          RejectReason.UNKNOWN_SCHEMA,
          String.format(
              "writer schema fingerprint %016x is no released version of %s (known: v1..v%d)",
              fingerprint, history.recordName(), history.versions().size()));
    }
    try {
      return DecodeResult.ok(decoder.decode(payload), version);
    } catch (IOException | RuntimeException e) {
      return DecodeResult.rejected(
          RejectReason.MALFORMED_BODY,
          history.recordName()
              + " v"
              + version
              + " body does not decode: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  /** The fingerprint a payload written with this schema carries. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }
}
