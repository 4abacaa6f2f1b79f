package io.ccpulse.pipeline.queue;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by contact: turns its events, as they arrive, into queue waits (the main output) and
 * agents' contact edges ({@link #AGENT_EDGES}) for the live view. Bounded: a contact with nothing
 * open is forgotten {@code retention} after its last event; one left open is closed after {@code
 * openTimeout} of silence.
 */
public final class ContactWaits
    extends KeyedProcessFunction<TenantKey, Inbound<InteractionEvent>, QueueSignal> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<AgentSignal> AGENT_EDGES = new OutputTag<>("live-agent-edges") {};

  private final long boundMs;
  private final long openTimeoutMs;
  private final long retentionMs;
  private final int maxEvents;
  private transient ValueState<LiveContact> contact;
  private transient ValueState<Long> forgetAt;

  /**
   * @param boundMs the sources' out-of-orderness bound (when its signals are applied: {@link
   *     LiveMoment})
   */
  public ContactWaits(long boundMs, Duration openTimeout, Duration retention, int maxEvents) {
    this.boundMs = boundMs;
    this.openTimeoutMs = openTimeout.toMillis();
    this.retentionMs = retention.toMillis();
    this.maxEvents = maxEvents;
  }

  public static TenantKey key(Inbound<InteractionEvent> in) {
    return TenantKey.of(in.event.getTenantId(), in.event.getInteractionId());
  }

  @Override
  public void open(OpenContext openContext) {
    contact =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("live-contact", TypeInformation.of(LiveContact.class)));
    forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
  }

  @Override
  public void processElement(Inbound<InteractionEvent> in, Context ctx, Collector<QueueSignal> out)
      throws Exception {
    LiveContact c = contact.value() == null ? LiveContact.of(in.event) : contact.value();
    if (c.seen.length >= maxEvents) {
      // The contact assembler rejects the same excess (TOO_MANY_EVENTS) and reports it; here it is
      // only ignored, so the ids kept for dropping duplicates stay bounded too.
      return;
    }
    List<QueueSignal> waits = new ArrayList<>(2);
    List<AgentSignal> edges = new ArrayList<>(1);
    c.apply(in.event, waits, edges);
    long at = in.event.getOccurredAt().toEpochMilli();
    emit(waits, edges, LiveMoment.of(at, in.partitionClock, boundMs), ctx, out);
    contact.update(c);
    schedule(c, ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueSignal> out)
      throws Exception {
    Long due = forgetAt.value();
    if (due == null || due != timestamp) {
      return;
    }
    LiveContact c = contact.value();
    if (c != null && !c.finished()) {
      List<QueueSignal> waits = new ArrayList<>(1);
      List<AgentSignal> edges = new ArrayList<>(1);
      c.close(timestamp, waits, edges);
      // Sent when the watermark reaches the close: by then the live edge may be up to the bound
      // past it, so it is applied there, not at whatever step the edge had reached downstream.
      emit(waits, edges, timestamp + boundMs, ctx, out);
    }
    contact.clear();
    forgetAt.clear();
  }

  private void schedule(LiveContact c, Context ctx) throws Exception {
    long due = c.lastAt + (c.finished() ? retentionMs : openTimeoutMs);
    Long current = forgetAt.value();
    if (current != null && current == due) {
      return;
    }
    if (current != null) {
      ctx.timerService().deleteEventTimeTimer(current);
    }
    ctx.timerService().registerEventTimeTimer(due);
    forgetAt.update(due);
  }

  private static void emit(
      List<QueueSignal> waits,
      List<AgentSignal> edges,
      long knownAt,
      Context ctx,
      Collector<QueueSignal> out) {
    for (QueueSignal w : waits) {
      w.knownAt = Math.max(w.at, knownAt);
      out.collect(w);
    }
    for (AgentSignal e : edges) {
      e.knownAt = Math.max(e.at, knownAt);
      ctx.output(AGENT_EDGES, e);
    }
  }
}
