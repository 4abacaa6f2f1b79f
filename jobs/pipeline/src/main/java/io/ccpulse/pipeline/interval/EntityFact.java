package io.ccpulse.pipeline.interval;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.contact.ContactFact;

/** A fact addressed to one entity whose intervals it counts in. */
public class EntityFact {
  /** tenant, kind, entity and channel in one string: the key of the interval windows. */
  public String key;
  public EntityKind kind;
  public String tenantId;
  /** Agent id, queue id, or the channel name for TENANT_CHANNEL. */
  public String entityId;
  public Channel channel;
  public ContactFact fact;

  public EntityFact() {}

  static EntityFact of(EntityKind kind, String entityId, ContactFact fact) {
    EntityFact e = new EntityFact();
    e.kind = kind;
    e.tenantId = fact.tenantId;
    e.entityId = entityId;
    e.channel = fact.channel;
    e.fact = fact;
    // Agents are counted per channel; a queue has exactly one channel, so for it this adds nothing.
    e.key = fact.tenantId + '\u0001' + kind + '\u0001' + entityId + '\u0001' + fact.channel;
    return e;
  }
}
