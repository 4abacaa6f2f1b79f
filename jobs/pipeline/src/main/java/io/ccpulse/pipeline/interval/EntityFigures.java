package io.ccpulse.pipeline.interval;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.contact.ContactFact;

/**
 * Figures for one entity's interval on their way to its window: the sum of the facts that came
 * while the interval was open, or one fact that came after it had closed (kept, so that a fact too
 * late for its window can be named in its rejection).
 */
public class EntityFigures {
  public EntityKind kind;
  public String tenantId;

  /** Agent id, queue id, or the channel name for TENANT_CHANNEL. */
  public String entityId;

  public Channel channel;

  /** Start of the interval, epoch ms. */
  public long intervalStart;

  public IntervalFigures figures;

  /** The one fact these figures are, when it came after its interval had closed; else null. */
  public ContactFact fact;

  public EntityFigures() {}

  static EntityFigures of(IntervalKey key, long intervalStart) {
    EntityFigures e = new EntityFigures();
    e.kind = key.kind;
    e.tenantId = key.tenantId;
    e.entityId = key.entityId;
    e.channel = key.channel;
    e.intervalStart = intervalStart;
    e.figures = new IntervalFigures();
    return e;
  }

  /** The key of the interval windows. */
  public IntervalKey key() {
    return IntervalKey.of(tenantId, kind, entityId, channel);
  }
}
