package io.ccpulse.pipeline.contact;

import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.RejectReason;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by contact: puts its events in event-time order, runs them through {@link ContactTimeline}
 * and emits the facts. Events wait until the watermark passes them, so events up to the bounded
 * out-of-orderness apart are applied in the order they happened. An event behind the watermark but
 * within the allowed lateness is applied at once (its facts then correct closed intervals); later
 * than that it is rejected as TOO_LATE. Duplicates (same event_id) are dropped.
 *
 * <p>State is bounded: a contact with an open leg and no event for {@code legTimeout} is closed and
 * its legs reported incomplete; a finished contact is forgotten {@code retention} after its last
 * event (kept that long so duplicates and stragglers are still recognised).
 */
public final class ContactAssembler
    extends KeyedProcessFunction<String, Inbound<InteractionEvent>, ContactFact> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<RejectedEvent> REJECTED = new OutputTag<>("contact-rejected") {};

  private final long allowedLatenessMs;
  private final long legTimeoutMs;
  private final long retentionMs;

  private transient ValueState<ContactState> contact;
  private transient MapState<Long, Inbound<InteractionEvent>[]> pending;
  private transient MapState<String, Boolean> seen;
  private transient ValueState<Long> housekeepingAt;
  private transient EventCodec<InteractionEvent> codec;
  private transient Counter duplicates;
  private transient Counter lateApplied;
  private transient Counter incompleteLegs;

  public ContactAssembler(Duration allowedLateness, Duration legTimeout, Duration retention) {
    this.allowedLatenessMs = allowedLateness.toMillis();
    this.legTimeoutMs = legTimeout.toMillis();
    this.retentionMs = retention.toMillis();
  }

  /** The key: contacts are identified per tenant. */
  public static String key(Inbound<InteractionEvent> in) {
    return in.event.getTenantId() + "/" + in.event.getInteractionId();
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open(OpenContext openContext) {
    TypeInformation<Inbound<InteractionEvent>> inbound = EventKind.INTERACTION.inboundType();
    contact = getRuntimeContext().getState(new ValueStateDescriptor<>("contact", TypeInformation.of(ContactState.class)));
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
        ObjectArrayTypeInfo.getInfoFor((Class<Inbound<InteractionEvent>[]>) (Class<?>) Inbound[].class, inbound)));
    seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN));
    housekeepingAt = getRuntimeContext().getState(new ValueStateDescriptor<>("housekeeping-at", Types.LONG));
    codec = EventKind.INTERACTION.codec();
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    lateApplied = getRuntimeContext().getMetricGroup().counter("lateEventsApplied");
    incompleteLegs = getRuntimeContext().getMetricGroup().counter("incompleteLegs");
  }

  @Override
  public void processElement(Inbound<InteractionEvent> in, Context ctx, Collector<ContactFact> out) throws Exception {
    String eventId = in.event.getEventId();
    if (seen.contains(eventId)) {
      duplicates.inc();
      return;
    }
    seen.put(eventId, Boolean.TRUE);
    long at = in.event.getOccurredAt().toEpochMilli();
    long watermark = ctx.timerService().currentWatermark();
    if (at > watermark) {
      Inbound<InteractionEvent>[] waiting = pending.get(at);
      pending.put(at, append(waiting, in));
      ctx.timerService().registerEventTimeTimer(at);
      return;
    }
    if (at < watermark - allowedLatenessMs) {
      reject(ctx, in, RejectReason.TOO_LATE, "event time " + in.event.getOccurredAt() + " is "
          + Duration.ofMillis(watermark - at) + " behind the watermark (allowed lateness "
          + Duration.ofMillis(allowedLatenessMs) + ")");
      return;
    }
    lateApplied.inc();
    applyAll(List.of(in), ctx, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ContactFact> out) throws Exception {
    Inbound<InteractionEvent>[] due = pending.get(timestamp);
    if (due != null) {
      pending.remove(timestamp);
      List<Inbound<InteractionEvent>> ordered = new ArrayList<>(Arrays.asList(due));
      ordered.sort(Comparator.comparingInt(i -> ContactTimeline.lifecycleRank(i.event.getType())));
      applyAll(ordered, ctx, out);
    }
    Long housekeeping = housekeepingAt.value();
    if (housekeeping == null || housekeeping != timestamp) {
      return;
    }
    ContactState state = contact.value();
    if (state != null && !state.finished()) {
      List<ContactFact> closed = ContactTimeline.closeIncomplete(state, timestamp);
      incompleteLegs.inc(closed.size());
      closed.forEach(out::collect);
      contact.update(state);
      scheduleHousekeeping(ctx, state);
    } else if (pending.isEmpty()) {
      contact.clear();
      seen.clear();
      housekeepingAt.clear();
    }
  }

  private void applyAll(List<Inbound<InteractionEvent>> events, Context ctx, Collector<ContactFact> out) throws Exception {
    ContactState state = contact.value();
    for (Inbound<InteractionEvent> in : events) {
      if (state == null) {
        state = ContactTimeline.start(in.event);
      }
      try {
        ContactTimeline.apply(state, in.event).forEach(out::collect);
      } catch (ImpossibleTransition e) {
        reject(ctx, in, e.reason(), e.getMessage());
      }
    }
    if (state != null) {
      contact.update(state);
      scheduleHousekeeping(ctx, state);
    }
  }

  /** One timer per contact: the incomplete-leg limit while open, forgetting it once finished. */
  private void scheduleHousekeeping(Context ctx, ContactState state) throws Exception {
    long due = state.lastEventAt + (state.finished() ? retentionMs : legTimeoutMs);
    Long current = housekeepingAt.value();
    if (current != null && current == due) {
      return;
    }
    if (current != null && pending.get(current) == null) {
      ctx.timerService().deleteEventTimeTimer(current);
    }
    ctx.timerService().registerEventTimeTimer(due);
    housekeepingAt.update(due);
  }

  private void reject(Context ctx, Inbound<InteractionEvent> in, RejectReason reason, String detail) {
    // Later than the source, the original bytes are gone; the event re-encoded decodes the same.
    RejectedEvent r = RejectedEvent.of(reason, detail, in.topic, in.partition, in.offset,
        codec.encode(in.event), System.currentTimeMillis());
    r.eventType = EventKind.INTERACTION.recordName() + "." + in.event.getType();
    r.tenantId = in.event.getTenantId();
    r.eventId = in.event.getEventId();
    r.occurredAt = in.event.getOccurredAt().toEpochMilli();
    ctx.output(REJECTED, r);
  }

  @SuppressWarnings("unchecked")
  private static Inbound<InteractionEvent>[] append(Inbound<InteractionEvent>[] waiting, Inbound<InteractionEvent> in) {
    if (waiting == null) {
      return new Inbound[] {in};
    }
    Inbound<InteractionEvent>[] more = Arrays.copyOf(waiting, waiting.length + 1);
    more[waiting.length] = in;
    return more;
  }
}
