package io.ccpulse.pipeline.key;

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

  // The hash code, with the strings it was made of: Flink hashes a key for every state look-up and
  // timer, and by a timer's time the strings are far from the cache. Checked against the fields
  // (a reused key is given new ones), and transient, so not part of the POJO's serialized form.
  private transient String hashedTenantId;
  private transient String hashedId;
  private transient int hash;

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
    if (tenantId != hashedTenantId || id != hashedId) {
      hash = 31 * Objects.hashCode(tenantId) + Objects.hashCode(id);
      hashedTenantId = tenantId;
      hashedId = id;
    }
    return hash;
  }

  @Override
  public String toString() {
    return "[" + tenantId + "][" + id + "]";
  }
}
