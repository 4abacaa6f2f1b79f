package io.ccpulse.pipeline.source;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a stream of {@link Inbound} events of one kind: sent on by {@link InboundSerializer}.
 */
final class InboundType<T extends SpecificRecord> extends TypeInformation<Inbound<T>> {
  private static final long serialVersionUID = 1L;

  private final EventKind<T> kind;

  InboundType(EventKind<T> kind) {
    this.kind = kind;
  }

  @Override
  public TypeSerializer<Inbound<T>> createSerializer(SerializerConfig config) {
    return InboundSerializer.of(kind, config);
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<Inbound<T>> getTypeClass() {
    return (Class<Inbound<T>>) (Class<?>) Inbound.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public String toString() {
    return "Inbound<" + kind.recordName() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InboundType<?> t && t.kind.recordName().equals(kind.recordName());
  }

  @Override
  public int hashCode() {
    return kind.recordName().hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof InboundType;
  }
}
