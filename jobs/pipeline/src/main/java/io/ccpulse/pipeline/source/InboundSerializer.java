package io.ccpulse.pipeline.source;

import io.ccpulse.events.DecodeResult;
import io.ccpulse.events.EventCodec;
import io.ccpulse.pipeline.wire.WireSerializer;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An {@link Inbound} between operators: the event as the Kafka record's bytes it was decoded from
 * ({@link Inbound#payload}), so the source does not encode every event again to send it on (a
 * quarter of its CPU); the receiver decodes them as the source did. An event without its bytes (one
 * made elsewhere, or restored from state) is encoded. Not for keyed state: an Inbound kept in state
 * is written by Flink's POJO serializer, without its bytes. The events' recurring ids are shared
 * ({@link RepeatedIds}): what a receiver keeps of them in state is one String per id, not one per
 * event.
 */
final class InboundSerializer<T extends SpecificRecord> extends WireSerializer<Inbound<T>> {
  private static final long serialVersionUID = 1L;
  private static final int EVENT = 1;
  private static final int REJECTED = 2;

  private final EventKind<T> kind;
  private final TypeSerializer<RejectedEvent> rejected;
  private transient EventCodec<T> codec;
  private transient RepeatedIds ids;

  InboundSerializer(EventKind<T> kind, TypeSerializer<RejectedEvent> rejected) {
    this.kind = kind;
    this.rejected = rejected;
  }

  static <T extends SpecificRecord> InboundSerializer<T> of(
      EventKind<T> kind, SerializerConfig config) {
    return new InboundSerializer<>(
        kind, TypeInformation.of(RejectedEvent.class).createSerializer(config));
  }

  private EventCodec<T> codec() {
    if (codec == null) {
      codec = kind.codec();
    }
    return codec;
  }

  @Override
  public void serialize(Inbound<T> in, DataOutputView out) throws IOException {
    out.writeByte((in.event == null ? 0 : EVENT) | (in.rejected == null ? 0 : REJECTED));
    if (in.event != null) {
      byte[] bytes = in.payload != null ? in.payload : codec().encode(in.event);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    if (in.rejected != null) {
      rejected.serialize(in.rejected, out);
    }
    out.writeBoolean(in.topic != null);
    if (in.topic != null) {
      out.writeUTF(in.topic);
    }
    out.writeInt(in.partition);
    out.writeLong(in.offset);
    out.writeLong(in.arrivedAt);
    out.writeLong(in.partitionClock);
  }

  @Override
  public Inbound<T> deserialize(DataInputView source) throws IOException {
    Inbound<T> in = new Inbound<>();
    int parts = source.readByte();
    if ((parts & EVENT) != 0) {
      byte[] bytes = new byte[source.readInt()];
      source.readFully(bytes);
      DecodeResult<T> decoded = codec().decode(bytes);
      if (!decoded.isOk()) { // the bytes a source decoded, or this serializer encoded
        throw new IOException("an event sent on does not decode: " + decoded.detail());
      }
      in.event = decoded.event();
      if (ids == null) {
        ids = new RepeatedIds();
      }
      kind.shareIds(in.event, ids);
    }
    if ((parts & REJECTED) != 0) {
      in.rejected = rejected.deserialize(source);
    }
    in.topic = source.readBoolean() ? source.readUTF() : null;
    in.partition = source.readInt();
    in.offset = source.readLong();
    in.arrivedAt = source.readLong();
    in.partitionClock = source.readLong();
    return in;
  }

  @Override
  public Inbound<T> copy(Inbound<T> from) {
    Inbound<T> in = new Inbound<>();
    in.event = from.event; // never changed once decoded
    in.payload = from.payload;
    in.rejected = from.rejected == null ? null : rejected.copy(from.rejected);
    in.topic = from.topic;
    in.partition = from.partition;
    in.offset = from.offset;
    in.arrivedAt = from.arrivedAt;
    in.partitionClock = from.partitionClock;
    return in;
  }

  @Override
  public TypeSerializer<Inbound<T>> duplicate() {
    return new InboundSerializer<>(kind, rejected.duplicate()); // a codec of its own
  }

  @Override
  public Inbound<T> createInstance() {
    return new Inbound<>();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InboundSerializer<?> s && s.kind.recordName().equals(kind.recordName());
  }

  @Override
  public int hashCode() {
    return kind.recordName().hashCode();
  }

  @Override
  public TypeSerializerSnapshot<Inbound<T>> snapshotConfiguration() {
    return new Snapshot<>(kind);
  }

  /** The record type's name: the serializer is its kind's. */
  public static final class Snapshot<T extends SpecificRecord>
      implements TypeSerializerSnapshot<Inbound<T>> {
    private EventKind<T> kind;

    public Snapshot() {}

    Snapshot(EventKind<T> kind) {
      this.kind = kind;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(kind.recordName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader)
        throws IOException {
      kind = (EventKind<T>) EventKind.named(in.readUTF());
    }

    @Override
    public TypeSerializer<Inbound<T>> restoreSerializer() {
      return InboundSerializer.of(kind, new SerializerConfigImpl());
    }

    @Override
    public TypeSerializerSchemaCompatibility<Inbound<T>> resolveSchemaCompatibility(
        TypeSerializerSnapshot<Inbound<T>> old) {
      return old instanceof Snapshot<?> s && s.kind.recordName().equals(kind.recordName())
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
