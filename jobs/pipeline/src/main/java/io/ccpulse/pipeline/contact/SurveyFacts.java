package io.ccpulse.pipeline.contact;

import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.source.Inbound;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Survey responses as facts, once each: keyed by event id, remembered for a TTL to drop duplicates. */
public final class SurveyFacts extends KeyedProcessFunction<String, Inbound<SurveyEvent>, ContactFact> {
  private static final long serialVersionUID = 1L;

  private final Duration dedupTtl;
  private transient ValueState<Boolean> seen;
  private transient Counter duplicates;

  public SurveyFacts(Duration dedupTtl) {
    this.dedupTtl = dedupTtl;
  }

  public static String key(Inbound<SurveyEvent> in) {
    return in.event.getTenantId() + "/" + in.event.getEventId();
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(dedupTtl).build());
    seen = getRuntimeContext().getState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateSurveys");
  }

  @Override
  public void processElement(Inbound<SurveyEvent> in, Context ctx, Collector<ContactFact> out) throws Exception {
    if (seen.value() != null) {
      duplicates.inc();
      return;
    }
    seen.update(Boolean.TRUE);
    SurveyEvent s = in.event;
    ContactFact f = new ContactFact();
    f.kind = FactKind.SURVEY;
    f.tenantId = s.getTenantId();
    f.channel = s.getChannel();
    f.interactionId = s.getInteractionId();
    f.agentId = s.getAgentId();
    f.queueId = s.getQueueId();
    f.at = s.getOccurredAt().toEpochMilli();
    f.csat = s.getCsat();
    f.version = System.currentTimeMillis() * 2 + 1;
    out.collect(f);
  }
}
