package io.ccpulse.pipeline.wire;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The type of a stream whose records travel with a serializer of the project's own (sent on by the
 * bytes they were read from, or only the figures that are not zero) instead of one Flink would
 * derive: a single field to Flink, named by {@code name}, which also tells two of them apart.
 */
public abstract class SerializedBy<T> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> typeClass;
  private final String name;

  protected SerializedBy(Class<T> typeClass, String name) {
    this.typeClass = typeClass;
    this.name = name;
  }

  @Override
  public final boolean isBasicType() {
    return false;
  }

  @Override
  public final boolean isTupleType() {
    return false;
  }

  @Override
  public final int getArity() {
    return 1;
  }

  @Override
  public final int getTotalFields() {
    return 1;
  }

  @Override
  public final Class<T> getTypeClass() {
    return typeClass;
  }

  @Override
  public final boolean isKeyType() {
    return false;
  }

  @Override
  public final String toString() {
    return name;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof SerializedBy<?> t && t.getClass() == getClass() && t.name.equals(name);
  }

  @Override
  public final int hashCode() {
    return name.hashCode();
  }

  @Override
  public final boolean canEqual(Object o) {
    return o != null && o.getClass() == getClass();
  }
}
