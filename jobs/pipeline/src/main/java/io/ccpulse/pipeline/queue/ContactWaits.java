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

  private final long openTimeoutMs;
  private final long retentionMs;
  private final int maxEvents;
  private transient ValueState<LiveContact> contact;
  private transient ValueState<Long> forgetAt;

  public ContactWaits(Duration openTimeout, Duration retention, int maxEvents) {
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
    emit(waits, edges, ctx, out);
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
      emit(waits, edges, ctx, out);
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
      List<QueueSignal> waits, List<AgentSignal> edges, Context ctx, Collector<QueueSignal> out) {
    waits.forEach(out::collect);
    edges.forEach(e -> ctx.output(AGENT_EDGES, e));
  }
}
