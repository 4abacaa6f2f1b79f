package io.ccpulse.pipeline.interval;

import io.ccpulse.pipeline.contact.ContactFact;
import java.util.function.Consumer;

/**
 * The entities a fact counts for: a leg or a survey for its agent (if agents are counted), its
 * queue and its tenant×channel; a queue outcome for its queue and its tenant×channel.
 */
final class Entities {
  private Entities() {}

  /** {@code to} once per entity {@code fact} counts for, agents only if {@code agents}. */
  static void each(ContactFact fact, boolean agents, Consumer<IntervalKey> to) {
    switch (fact.kind) {
      case LEG_STARTED:
        return; // marks an agent busy (agent time); counts in no interval figure
      case LEG:
      case LEG_INCOMPLETE:
      case SURVEY:
        if (agents) {
          to.accept(IntervalKey.of(fact.tenantId, EntityKind.AGENT, fact.agentId, fact.channel));
        }
        break;
      default:
        break; // queue outcomes are not an agent's
    }
    if (fact.queueId != null) {
      to.accept(IntervalKey.of(fact.tenantId, EntityKind.QUEUE, fact.queueId, fact.channel));
    }
    to.accept(
        IntervalKey.of(
            fact.tenantId, EntityKind.TENANT_CHANNEL, fact.channel.name(), fact.channel));
  }
}
