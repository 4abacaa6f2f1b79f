package io.ccpulse.pipeline.contact;

import io.ccpulse.events.EventCodec;
import io.ccpulse.events.RejectReason;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.Lateness;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Survey responses as facts, once each: keyed by event id, remembered for a TTL to drop duplicates.
 * A response later than the allowed lateness is rejected as TOO_LATE, as a contact's events are.
 */
public final class SurveyFacts
    extends KeyedProcessFunction<TenantKey, Inbound<SurveyEvent>, ContactFact> {
  private static final long serialVersionUID = 1L;

  public static final org.apache.flink.util.OutputTag<RejectedEvent> REJECTED =
      new org.apache.flink.util.OutputTag<>("survey-rejected") {};

  private final Duration dedupTtl;
  private final long latenessMs;
  private transient ValueState<Boolean> seen;
  private transient Counter duplicates;
  private transient EventCodec<SurveyEvent> codec;

  public SurveyFacts(Duration allowedLateness, Duration dedupTtl) {
    this.latenessMs = allowedLateness.toMillis();
    this.dedupTtl = dedupTtl;
  }

  public static TenantKey key(Inbound<SurveyEvent> in) {
    return TenantKey.of(in.event.getTenantId(), in.event.getEventId());
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(dedupTtl).build());
    seen = getRuntimeContext().getState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateSurveys");
    codec = EventCodec.surveys();
  }

  @Override
  public void processElement(Inbound<SurveyEvent> in, Context ctx, Collector<ContactFact> out)
      throws Exception {
    if (seen.value() != null) {
      duplicates.inc();
      return;
    }
    seen.update(Boolean.TRUE);
    SurveyEvent s = in.event;
    long watermark = ctx.timerService().currentWatermark();
    long at = s.getOccurredAt().toEpochMilli();
    if (Lateness.tooLate(at, in.partitionClock, watermark, latenessMs)) {
      ctx.output(
          REJECTED,
          RejectedEvent.of(
              EventKind.SURVEY,
              s,
              RejectReason.TOO_LATE,
              Lateness.detail(at, in.partitionClock, watermark, latenessMs),
              in.topic,
              in.partition,
              in.offset,
              codec.encode(s),
              System.currentTimeMillis()));
      return;
    }
    ContactFact f = new ContactFact();
    f.kind = FactKind.SURVEY;
    f.tenantId = s.getTenantId();
    f.channel = s.getChannel();
    f.interactionId = s.getInteractionId();
    f.agentId = s.getAgentId();
    f.queueId = s.getQueueId();
    f.at = s.getOccurredAt().toEpochMilli();
    f.csat = s.getCsat();
    f.nps = s.getNps() == null ? -1 : s.getNps();
    f.version = System.currentTimeMillis() * 2 + 1;
    out.collect(f);
  }
}
