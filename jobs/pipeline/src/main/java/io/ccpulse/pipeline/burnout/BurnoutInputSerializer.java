package io.ccpulse.pipeline.burnout;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.wire.SerializedBy;
import io.ccpulse.pipeline.wire.WireSerializer;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link BurnoutInput} on its way to the queue's usual handle and to the assessor: its fields one
 * after another, enums by ordinal. Flink's POJO serializer read and wrote each by reflection and
 * boxed the numbers, for the three or four times each leg crosses the network. Never in state: the
 * assessor keeps its waiting inputs with Flink's serializer, as before.
 */
public final class BurnoutInputSerializer extends WireSerializer<BurnoutInput> {
  private static final long serialVersionUID = 1L;
  private static final BurnoutInput.Kind[] KINDS = BurnoutInput.Kind.values();
  private static final AgentState[] STATES = AgentState.values();
  private static final Channel[] CHANNELS = Channel.values();

  @Override
  public void serialize(BurnoutInput in, DataOutputView out) throws IOException {
    out.writeByte(in.kind == null ? -1 : in.kind.ordinal());
    out.writeByte(in.state == null ? -1 : in.state.ordinal());
    out.writeByte(in.channel == null ? -1 : in.channel.ordinal());
    StringValue.writeString(in.tenantId, out); // null-safe, any length
    StringValue.writeString(in.agentId, out);
    StringValue.writeString(in.eventId, out);
    StringValue.writeString(in.interactionId, out);
    StringValue.writeString(in.queueId, out);
    out.writeLong(in.at);
    out.writeLong(in.handleMs);
    out.writeLong(in.queueUsualMs);
    out.writeBoolean(in.transferred);
    out.writeInt(in.csat);
    out.writeInt(in.sign);
  }

  @Override
  public BurnoutInput deserialize(DataInputView source) throws IOException {
    BurnoutInput in = new BurnoutInput();
    int kind = source.readByte();
    in.kind = kind < 0 ? null : KINDS[kind];
    int state = source.readByte();
    in.state = state < 0 ? null : STATES[state];
    int channel = source.readByte();
    in.channel = channel < 0 ? null : CHANNELS[channel];
    in.tenantId = StringValue.readString(source);
    in.agentId = StringValue.readString(source);
    in.eventId = StringValue.readString(source);
    in.interactionId = StringValue.readString(source);
    in.queueId = StringValue.readString(source);
    in.at = source.readLong();
    in.handleMs = source.readLong();
    in.queueUsualMs = source.readLong();
    in.transferred = source.readBoolean();
    in.csat = source.readInt();
    in.sign = source.readInt();
    return in;
  }

  @Override
  public BurnoutInput copy(BurnoutInput from) {
    BurnoutInput in = new BurnoutInput();
    in.kind = from.kind;
    in.state = from.state;
    in.channel = from.channel;
    in.tenantId = from.tenantId;
    in.agentId = from.agentId;
    in.eventId = from.eventId;
    in.interactionId = from.interactionId;
    in.queueId = from.queueId;
    in.at = from.at;
    in.handleMs = from.handleMs;
    in.queueUsualMs = from.queueUsualMs;
    in.transferred = from.transferred;
    in.csat = from.csat;
    in.sign = from.sign;
    return in;
  }

  @Override
  public TypeSerializer<BurnoutInput> duplicate() {
    return this; // stateless
  }

  @Override
  public BurnoutInput createInstance() {
    return new BurnoutInput();
  }

  @Override
  public TypeSerializerSnapshot<BurnoutInput> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Nothing to configure: the format is the class's. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<BurnoutInput> {
    public Snapshot() {
      super(BurnoutInputSerializer::new);
    }
  }

  /** The type of the streams of burnout inputs, with this serializer. */
  public static final class Type extends SerializedBy<BurnoutInput> {
    private static final long serialVersionUID = 1L;

    public Type() {
      super(BurnoutInput.class, "BurnoutInput");
    }

    @Override
    public TypeSerializer<BurnoutInput> createSerializer(SerializerConfig config) {
      return new BurnoutInputSerializer();
    }
  }
}
