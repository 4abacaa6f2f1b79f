package io.ccpulse.pipeline.interval;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.contact.ContactFact;

/** A fact addressed to one entity whose intervals it counts in. */
public class EntityFact {
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
    return e;
  }

  /**
   * The key of the interval windows. Agents are counted per channel; a queue has exactly one
   * channel, so for it the channel adds nothing.
   */
  public IntervalKey key() {
    return IntervalKey.of(tenantId, kind, entityId, channel);
  }
}
