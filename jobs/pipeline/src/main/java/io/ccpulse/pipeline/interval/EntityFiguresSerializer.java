package io.ccpulse.pipeline.interval;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.wire.SerializedBy;
import io.ccpulse.pipeline.wire.WireSerializer;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link EntityFigures} on their way from the sums to the interval windows: the figures that are
 * not zero (most of a sum's 30 are), behind a mask, and the entity's parts. Flink's POJO serializer
 * read and wrote each of the 30 by reflection, boxed, and made an empty fact and figures for every
 * record it read: a fifth of the interval windows' time. Never in state; a fact that came alone
 * (rare) goes with Flink's serializer for it.
 */
public final class EntityFiguresSerializer extends WireSerializer<EntityFigures> {
  private static final long serialVersionUID = 1L;
  private static final EntityKind[] KINDS = EntityKind.values();
  private static final Channel[] CHANNELS = Channel.values();

  /** The mask of a record without figures: all 32 bits, where the figures are fewer. */
  private static final int NO_FIGURES = -1;

  private final TypeSerializer<ContactFact> facts;

  EntityFiguresSerializer(SerializerConfig config) {
    this.facts = TypeInformation.of(ContactFact.class).createSerializer(config);
  }

  private EntityFiguresSerializer(TypeSerializer<ContactFact> facts) {
    this.facts = facts;
  }

  @Override
  public void serialize(EntityFigures e, DataOutputView out) throws IOException {
    out.writeByte(e.kind == null ? -1 : e.kind.ordinal());
    StringValue.writeString(e.tenantId, out); // null-safe, any length
    StringValue.writeString(e.entityId, out);
    out.writeByte(e.channel == null ? -1 : e.channel.ordinal());
    out.writeLong(e.intervalStart);
    if (e.figures == null) {
      out.writeInt(NO_FIGURES);
    } else {
      long[] v = e.figures.values();
      int mask = 0;
      for (int i = 0; i < v.length; i++) {
        mask |= v[i] != 0 ? 1 << i : 0;
      }
      out.writeInt(mask);
      for (long figure : v) {
        if (figure != 0) {
          out.writeLong(figure);
        }
      }
    }
    out.writeBoolean(e.fact != null);
    if (e.fact != null) {
      facts.serialize(e.fact, out);
    }
  }

  @Override
  public EntityFigures deserialize(DataInputView in) throws IOException {
    EntityFigures e = new EntityFigures();
    int kind = in.readByte();
    e.kind = kind < 0 ? null : KINDS[kind];
    e.tenantId = StringValue.readString(in);
    e.entityId = StringValue.readString(in);
    int channel = in.readByte();
    e.channel = channel < 0 ? null : CHANNELS[channel];
    e.intervalStart = in.readLong();
    int mask = in.readInt();
    if (mask != NO_FIGURES) {
      long[] v = new long[IntervalFigures.COUNT];
      for (int i = 0; i < v.length; i++) {
        if ((mask & 1 << i) != 0) {
          v[i] = in.readLong();
        }
      }
      e.figures = IntervalFigures.of(v);
    }
    e.fact = in.readBoolean() ? facts.deserialize(in) : null;
    return e;
  }

  @Override
  public EntityFigures copy(EntityFigures from) {
    EntityFigures e = new EntityFigures();
    e.kind = from.kind;
    e.tenantId = from.tenantId;
    e.entityId = from.entityId;
    e.channel = from.channel;
    e.intervalStart = from.intervalStart;
    e.figures = from.figures == null ? null : from.figures.copy();
    e.fact = from.fact == null ? null : facts.copy(from.fact);
    return e;
  }

  @Override
  public TypeSerializer<EntityFigures> duplicate() {
    return new EntityFiguresSerializer(facts.duplicate());
  }

  @Override
  public EntityFigures createInstance() {
    return new EntityFigures();
  }

  @Override
  public TypeSerializerSnapshot<EntityFigures> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Nothing to configure: the format is the class's. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EntityFigures> {
    public Snapshot() {
      super(() -> new EntityFiguresSerializer(new SerializerConfigImpl()));
    }
  }

  /** The type of the sums' stream, with this serializer. */
  public static final class Type extends SerializedBy<EntityFigures> {
    private static final long serialVersionUID = 1L;

    public Type() {
      super(EntityFigures.class, "EntityFigures");
    }

    @Override
    public TypeSerializer<EntityFigures> createSerializer(SerializerConfig config) {
      return new EntityFiguresSerializer(config);
    }
  }
}
