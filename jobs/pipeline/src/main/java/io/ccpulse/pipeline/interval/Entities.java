package io.ccpulse.pipeline.interval;

import io.ccpulse.pipeline.contact.ContactFact;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each fact to the entities it counts for: a leg or a survey to its agent (if agents are
 * counted), its queue and its tenant×channel; a queue outcome to its queue and its tenant×channel.
 */
public final class Entities implements FlatMapFunction<ContactFact, EntityFact> {
  private static final long serialVersionUID = 1L;

  private final boolean agents;

  public Entities(boolean agents) {
    this.agents = agents;
  }

  @Override
  public void flatMap(ContactFact fact, Collector<EntityFact> out) {
    if (fact.kind == io.ccpulse.pipeline.contact.FactKind.LEG_STARTED) {
      return; // marks an agent busy (agent time); counts in no interval figure
    }
    switch (fact.kind) {
      case LEG:
      case LEG_INCOMPLETE:
      case SURVEY:
        if (agents) {
          out.collect(EntityFact.of(EntityKind.AGENT, fact.agentId, fact));
        }
        break;
      default:
        break; // queue outcomes are not an agent's
    }
    if (fact.queueId != null) {
      out.collect(EntityFact.of(EntityKind.QUEUE, fact.queueId, fact));
    }
    out.collect(EntityFact.of(EntityKind.TENANT_CHANNEL, fact.channel.name(), fact));
  }
}
