package io.ccpulse.pipeline.key;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The key of keyed state about one thing of one tenant: a contact, an agent, a queue, a survey.
 *
 * <p>Two fields, not one joined string: {@code "a/b" + "/" + "c"} and {@code "a" + "/" + "b/c"} are
 * the same string, so a joined key let one tenant's contact share state with another's. A Flink
 * POJO (its own serializer, no Kryo); the hash code is computed from the strings alone, so every
 * JVM sends a key to the same key group.
 */
public class TenantKey {
  public String tenantId;

  /** The contact, agent, queue or event id within the tenant. */
  public String id;

  // The hash code, with the strings it was made of: Flink hashes a key for every state look-up
  // and timer, and by a timer's time the strings are far from the cache. Checked against the
  // fields (a key given new ones hashes anew). A checkpoint's thread hashes keys too: the tenant id
  // is written last, with release semantics, and read first, with acquire, so a thread that finds
  // it sees the hash and id written before it. Transient: not in the POJO's serialized form.
  private transient int hash;
  private transient String hashedId;
  private transient String hashedTenantId;

  private static final VarHandle HASHED_TENANT_ID;

  static {
    try {
      HASHED_TENANT_ID =
          MethodHandles.lookup().findVarHandle(TenantKey.class, "hashedTenantId", String.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public TenantKey() {}

  public static TenantKey of(String tenantId, String id) {
    TenantKey k = new TenantKey();
    k.tenantId = tenantId;
    k.id = id;
    return k;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof TenantKey k
            && Objects.equals(tenantId, k.tenantId)
            && Objects.equals(id, k.id);
  }

  @Override
  public int hashCode() {
    if (HASHED_TENANT_ID.getAcquire(this) != tenantId || hashedId != id) {
      hash = 31 * Objects.hashCode(tenantId) + Objects.hashCode(id);
      hashedId = id;
      HASHED_TENANT_ID.setRelease(this, tenantId);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "[" + tenantId + "][" + id + "]";
  }
}
