package io.ccpulse.pipeline.interval;

import io.ccpulse.events.Channel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The key of the interval windows: one entity of one tenant on one channel. Its parts stay apart,
 * so the row is named from them when a window fires: nothing is joined into a string and split
 * again, so no id, whatever it contains, can merge two entities or make a firing window fail. A
 * Flink POJO; the hash code uses enum names, not identity hash codes, so it is the same in every
 * JVM.
 */
public class IntervalKey {
  public String tenantId;
  public EntityKind kind;

  /** Agent id, queue id, or the channel name for TENANT_CHANNEL. */
  public String entityId;

  public Channel channel;

  // The hash code, with the fields it was made of, kept as TenantKey keeps it (the tenant id
  // written last, released; read first, acquired).
  private transient int hash;
  private transient EntityKind hashedKind;
  private transient String hashedEntityId;
  private transient Channel hashedChannel;
  private transient String hashedTenantId;

  private static final VarHandle HASHED_TENANT_ID;

  static {
    try {
      HASHED_TENANT_ID =
          MethodHandles.lookup().findVarHandle(IntervalKey.class, "hashedTenantId", String.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public IntervalKey() {}

  public static IntervalKey of(String tenantId, EntityKind kind, String entityId, Channel channel) {
    IntervalKey k = new IntervalKey();
    k.tenantId = tenantId;
    k.kind = kind;
    k.entityId = entityId;
    k.channel = channel;
    return k;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof IntervalKey k
            && Objects.equals(tenantId, k.tenantId)
            && kind == k.kind
            && Objects.equals(entityId, k.entityId)
            && channel == k.channel;
  }

  @Override
  public int hashCode() {
    if (HASHED_TENANT_ID.getAcquire(this) != tenantId
        || hashedKind != kind
        || hashedEntityId != entityId
        || hashedChannel != channel) {
      hash = valueHash();
      hashedKind = kind;
      hashedEntityId = entityId;
      hashedChannel = channel;
      HASHED_TENANT_ID.setRelease(this, tenantId);
    }
    return hash;
  }

  private int valueHash() {
    int h = Objects.hashCode(tenantId);
    h = 31 * h + (kind == null ? 0 : kind.name().hashCode());
    h = 31 * h + Objects.hashCode(entityId);
    return 31 * h + (channel == null ? 0 : channel.name().hashCode());
  }

  @Override
  public String toString() {
    return kind + "[" + tenantId + "][" + entityId + "][" + channel + "]";
  }
}
