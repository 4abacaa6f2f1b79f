package io.ccpulse.pipeline.contact;

import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.RejectReason;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.Lateness;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * and emits the facts.
 *
 * <ul>
 *   <li>Events wait until the watermark passes them, so events within the bounded out-of-orderness
 *       are applied in the order they happened.
 *   <li>An event behind the watermark but within the allowed lateness is put in its place in the
 *       contact's history and the contact replayed ({@link ContactReplay}): facts that changed are
 *       retracted and re-emitted, correcting intervals already written. Later than that it is
 *       rejected as TOO_LATE, judged against its partition's clock when it arrived ({@link
 *       Lateness}), so the verdict does not depend on how fast partitions are read.
 *   <li>A refused event (an impossible transition) is reported once the allowed lateness has passed
 *       it, since until then a late earlier event may make it valid.
 *   <li>Duplicates (same event_id) are dropped.
 *   <li>A contact keeps at most {@code maxEvents} events within {@code maxSpan} of each other; an
 *       event past either is rejected (TOO_MANY_EVENTS, CONTACT_TOO_LONG) and not kept, so no input
 *       can grow one contact's state (or the cost of replaying it) without bound.
 *   <li>State is bounded: a contact with an open leg and no event for {@code legTimeout} is closed,
 *       its legs reported incomplete; one only waiting in a queue (an email overnight) is closed
 *       after {@code maxSpan}; a finished contact is forgotten {@code retention} after its last
 *       event (kept that long so duplicates and stragglers are still recognised).
 * </ul>
 */
public final class ContactAssembler
    extends KeyedProcessFunction<TenantKey, Inbound<InteractionEvent>, ContactFact> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<RejectedEvent> REJECTED = new OutputTag<>("contact-rejected") {};

  /** Each conversation once it is over: written when the contact is forgotten, final by then. */
  public static final OutputTag<ContactResolution> RESOLVED =
      new OutputTag<>("contact-resolved") {};

  private final long allowedLatenessMs;
  private final long legTimeoutMs;
  private final long retentionMs;
  private final int maxEvents;
  private final long maxSpanMs;

  private transient ValueState<ContactState> contact;
  private transient ValueState<ContactHistory> history;
  private transient MapState<Long, Inbound<InteractionEvent>[]> pending;
  private transient MapState<String, Boolean> seen;
  private transient ValueState<Long> housekeepingAt;
  private transient ValueState<ContactExtent> extent;
  private transient EventCodec<InteractionEvent> codec;
  private transient Counter duplicates;
  private transient Counter replays;
  private transient Counter incompleteLegs;

  public ContactAssembler(
      Duration allowedLateness,
      Duration legTimeout,
      Duration retention,
      int maxEvents,
      Duration maxSpan) {
    this.allowedLatenessMs = allowedLateness.toMillis();
    this.legTimeoutMs = legTimeout.toMillis();
    this.retentionMs = retention.toMillis();
    this.maxEvents = maxEvents;
    this.maxSpanMs = maxSpan.toMillis();
  }

  /** The key: contacts are identified per tenant. */
  public static TenantKey key(Inbound<InteractionEvent> in) {
    return TenantKey.of(in.event.getTenantId(), in.event.getInteractionId());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open(OpenContext openContext) {
    TypeInformation<Inbound<InteractionEvent>> inbound = EventKind.INTERACTION.inboundType();
    contact =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("contact", TypeInformation.of(ContactState.class)));
    history =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("history", TypeInformation.of(ContactHistory.class)));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending",
                    Types.LONG,
                    ObjectArrayTypeInfo.getInfoFor(
                        (Class<Inbound<InteractionEvent>[]>) (Class<?>) Inbound[].class, inbound)));
    seen =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN));
    housekeepingAt =
        getRuntimeContext().getState(new ValueStateDescriptor<>("housekeeping-at", Types.LONG));
    extent =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("extent", TypeInformation.of(ContactExtent.class)));
    codec = EventKind.INTERACTION.codec();
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    replays = getRuntimeContext().getMetricGroup().counter("lateEventReplays");
    incompleteLegs = getRuntimeContext().getMetricGroup().counter("incompleteLegs");
  }

  @Override
  public void processElement(Inbound<InteractionEvent> in, Context ctx, Collector<ContactFact> out)
      throws Exception {
    if (seen.contains(in.event.getEventId())) {
      duplicates.inc();
      return;
    }
    long at = in.event.getOccurredAt().toEpochMilli();
    long watermark = ctx.timerService().currentWatermark();
    if (Lateness.tooLate(at, in.partitionClock, watermark, allowedLatenessMs)) {
      // Rejected before anything is kept: its contact may be long forgotten, and state written now
      // would have no timer left to clear it.
      reject(
          ctx,
          in,
          RejectReason.TOO_LATE.name(),
          Lateness.detail(at, in.partitionClock, watermark, allowedLatenessMs));
      return;
    }
    // Each state is read once per call and handed on: on RocksDB every read deserializes it.
    ContactExtent kept = extent.value();
    if (kept == null) {
      kept = new ContactExtent();
    }
    String refusal = kept.refusal(at, maxEvents, maxSpanMs);
    if (refusal != null) {
      // Not kept, not remembered as seen: the excess costs its rejection and a later housekeeping.
      reject(ctx, in, kept.reason(maxEvents).name(), refusal);
      kept.refused(at);
      extent.update(kept);
      ContactState state = contact.value();
      if (state != null) {
        scheduleHousekeeping(ctx, state, history.value(), kept);
      }
      return;
    }
    kept.add(at);
    extent.update(kept);
    seen.put(in.event.getEventId(), Boolean.TRUE);
    if (at > watermark) {
      Inbound<InteractionEvent>[] waiting = pending.get(at);
      pending.put(at, waiting == null ? oneOf(in) : ContactReplay.append(waiting, List.of(in)));
      ctx.timerService().registerEventTimeTimer(at);
      return;
    }
    ContactHistory past = history.value();
    if (at >= lastLogged(past)) {
      // nothing came after it, refused events included: its place is the end
      apply(List.of(in), past, kept, ctx, out);
    } else {
      replayWith(in, past, kept, ctx, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ContactFact> out)
      throws Exception {
    Inbound<InteractionEvent>[] due = pending.get(timestamp);
    ContactHistory past = history.value();
    if (due != null) {
      pending.remove(timestamp);
      // one instant: in the order they came
      past = apply(Arrays.asList(due), past, extent.value(), ctx, out);
    }
    reportSettledRefusals(ctx, timestamp, past);
    Long housekeeping = housekeepingAt.value();
    if (housekeeping == null || housekeeping != timestamp) {
      return;
    }
    housekeepingAt.clear(); // fired
    ContactState state = contact.value();
    if (state != null) {
      long dueAt = housekeepingDue(state, past, extent.value());
      if (dueAt > timestamp) { // events since the timer was set moved it on
        ctx.timerService().registerEventTimeTimer(dueAt);
        housekeepingAt.update(dueAt);
        return;
      }
    }
    if (state != null && !state.finished()) {
      List<ContactFact> closed = ContactTimeline.closeIncomplete(state, timestamp);
      incompleteLegs.inc(closed.size());
      past.emitted = ContactReplay.append(past.emitted, closed);
      emit(ctx, past, closed, out);
      contact.update(state);
      history.update(past);
      scheduleHousekeeping(ctx, state, past, extent.value());
    } else if (pending.isEmpty()) {
      reportSettledRefusals(ctx, Long.MAX_VALUE, past);
      resolve(ctx, state);
      contact.clear();
      history.clear();
      seen.clear();
      housekeepingAt.clear();
      extent.clear();
    }
  }

  /**
   * The contact's resolution, written as it is forgotten: the retention has passed its last event,
   * so no late event can change it any more and a contact that came back in the meantime is one
   * conversation (docs/metrics.md §11).
   */
  private static void resolve(OnTimerContext ctx, ContactState state) {
    ContactResolution resolved = state == null ? null : ContactResolution.of(state);
    if (resolved != null) {
      resolved.version = System.currentTimeMillis();
      ctx.output(RESOLVED, resolved);
    }
  }

  /** Event time of the latest event in the history, refused ones too; MIN_VALUE for none. */
  private static long lastLogged(ContactHistory past) {
    return past == null || past.log.length == 0
        ? Long.MIN_VALUE
        : past.log[past.log.length - 1].event.getOccurredAt().toEpochMilli();
  }

  /**
   * Applies events in order at the end of the contact's history ({@code past}, null for none, as
   * read from state); returns the history as stored.
   */
  private ContactHistory apply(
      List<Inbound<InteractionEvent>> events,
      ContactHistory past,
      ContactExtent kept,
      Context ctx,
      Collector<ContactFact> out)
      throws Exception {
    ContactState state = contact.value();
    if (past == null) {
      past = new ContactHistory();
    }
    for (Inbound<InteractionEvent> in : events) {
      if (state == null) {
        state = ContactTimeline.start(in.event);
      }
      past.log = ContactReplay.insert(past.log, in);
      try {
        List<ContactFact> facts = ContactTimeline.apply(state, in.event);
        past.emitted = ContactReplay.append(past.emitted, facts);
        emit(ctx, past, facts, out);
      } catch (ImpossibleTransition refused) {
        past.refusals =
            ContactReplay.append(
                past.refusals, List.of(ContactHistory.Refusal.of(in.event, refused)));
        ctx.timerService()
            .registerEventTimeTimer(in.event.getOccurredAt().toEpochMilli() + allowedLatenessMs);
      }
    }
    contact.update(state);
    history.update(past);
    scheduleHousekeeping(ctx, state, past, kept);
    return past;
  }

  /** A late event that belongs before what was already applied: replay the contact with it. */
  private void replayWith(
      Inbound<InteractionEvent> in,
      ContactHistory past,
      ContactExtent kept,
      Context ctx,
      Collector<ContactFact> out)
      throws Exception {
    replays.inc();
    long lastEventAt = contact.value().lastEventAt;
    past.log = ContactReplay.insert(past.log, in);
    ContactReplay.Outcome replayed = ContactReplay.replay(past.log);
    emit(ctx, past, ContactReplay.changes(past.emitted, replayed.facts()), out);
    past.emitted = replayed.facts().toArray(ContactFact[]::new);
    past.refusals = replayed.refusals().toArray(ContactHistory.Refusal[]::new);
    for (ContactHistory.Refusal r : past.refusals) {
      ctx.timerService()
          .registerEventTimeTimer(
              logged(past, r.eventId).event.getOccurredAt().toEpochMilli() + allowedLatenessMs);
    }
    ContactState state = replayed.state();
    state.lastEventAt = Math.max(state.lastEventAt, lastEventAt);
    contact.update(state);
    history.update(past);
    scheduleHousekeeping(ctx, state, past, kept);
  }

  /**
   * Reports the refusals no late event can undo any more: their event is past the lateness. {@code
   * past} is the history as stored (null for none); it is stored again if a refusal went.
   */
  private void reportSettledRefusals(Context ctx, long now, ContactHistory past) throws Exception {
    if (past == null || past.refusals.length == 0) {
      return;
    }
    List<ContactHistory.Refusal> open = new ArrayList<>();
    for (ContactHistory.Refusal r : past.refusals) {
      Inbound<InteractionEvent> in = logged(past, r.eventId);
      if (in.event.getOccurredAt().toEpochMilli() + allowedLatenessMs <= now) {
        reject(ctx, in, r.reason, r.detail);
      } else {
        open.add(r);
      }
    }
    past.refusals = open.toArray(ContactHistory.Refusal[]::new);
    history.update(past);
  }

  /**
   * One timer per contact: the incomplete-leg limit while open, forgetting it once finished. {@code
   * past} and {@code kept} are the history and extent as stored (null for none). A timer already
   * set before the due time stays: each event moves the due time on, and moving the timer with it
   * (a delete and an insert in the timer heap per event) cost more than the timer firing early once
   * and setting itself again ({@link #onTimer}). One set after it is moved back.
   */
  private void scheduleHousekeeping(
      Context ctx, ContactState state, ContactHistory past, ContactExtent kept) throws Exception {
    long due = housekeepingDue(state, past, kept);
    Long current = housekeepingAt.value();
    if (current != null && current <= due) {
      return;
    }
    if (current != null && pending.get(current) == null) {
      ctx.timerService().deleteEventTimeTimer(current);
    }
    ctx.timerService().registerEventTimeTimer(due);
    housekeepingAt.update(due);
  }

  /** When the contact's housekeeping is due, by its state now. */
  private long housekeepingDue(ContactState state, ContactHistory past, ContactExtent kept) {
    // From the latest event seen, refused ones too: a contact whose only event was refused is kept
    // (not forgotten at once) so the event that makes it valid can still arrive.
    long last = Math.max(state.lastEventAt, lastLogged(past));
    if (kept != null) {
      last = Math.max(last, kept.lastRefusedAt);
    }
    return last + (state.finished() ? retentionMs : onlyWaiting(state) ? maxSpanMs : legTimeoutMs);
  }

  /**
   * Waiting in a queue (or for a callback) with no leg open: an email waits overnight, so the wait
   * is kept as long as a contact may span (an answer later than that would be refused anyway), not
   * the leg timeout.
   */
  private static boolean onlyWaiting(ContactState state) {
    return (state.waitQueueId != null || state.callbackQueueId != null)
        && state.legs.length == 0
        && state.pendingAgent == null
        && state.callbackAgent == null;
  }

  private void reject(Context ctx, Inbound<InteractionEvent> in, String reason, String detail) {
    ctx.output(
        REJECTED,
        RejectedEvent.of(
            EventKind.INTERACTION,
            in.event,
            RejectReason.valueOf(reason),
            detail,
            in.topic,
            in.partition,
            in.offset,
            codec.encode(in.event),
            System.currentTimeMillis()));
  }

  private static Inbound<InteractionEvent> logged(ContactHistory past, String eventId) {
    for (Inbound<InteractionEvent> in : past.log) {
      if (in.event.getEventId().equals(eventId)) {
        return in;
      }
    }
    throw new IllegalStateException(
        "refused event " + eventId + " is not in the contact's history");
  }

  /**
   * Sends facts on, each versioned above everything the contact sent before (kept in {@code past},
   * which the caller stores). The clock is the operator's processing time: the wall clock when
   * running, one the tests set.
   */
  private static void emit(
      Context ctx, ContactHistory past, List<ContactFact> facts, Collector<ContactFact> out) {
    past.lastVersion =
        ContactFact.stamp(facts, ctx.timerService().currentProcessingTime(), past.lastVersion);
    facts.forEach(out::collect);
  }

  private static Inbound<InteractionEvent>[] oneOf(Inbound<InteractionEvent> in) {
    Inbound<InteractionEvent>[] one = ContactHistory.newLog(1);
    one[0] = in;
    return one;
  }
}
