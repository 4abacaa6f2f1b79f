package io.ccpulse.pipeline.source;

import io.ccpulse.pipeline.wire.SerializedBy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a stream of {@link Inbound} events of one kind: sent on by {@link InboundSerializer}.
 */
final class InboundType<T extends SpecificRecord> extends SerializedBy<Inbound<T>> {
  private static final long serialVersionUID = 1L;

  private final EventKind<T> kind;

  @SuppressWarnings("unchecked")
  InboundType(EventKind<T> kind) {
    super((Class<Inbound<T>>) (Class<?>) Inbound.class, "Inbound<" + kind.recordName() + ">");
    this.kind = kind;
  }

  @Override
  public TypeSerializer<Inbound<T>> createSerializer(SerializerConfig config) {
    return InboundSerializer.of(kind, config);
  }
}
