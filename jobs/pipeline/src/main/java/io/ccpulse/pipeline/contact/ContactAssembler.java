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
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by contact: runs its events through {@link ContactTimeline} in event-time order and emits
 * the facts.
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
 *   <li>All of a contact is one keyed state ({@link KeptContact}): an event costs one look-up of it
 *       and a timer fired another, where six states each cost one or two.
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

  private transient ValueState<KeptContact> contact;
  private transient ContactStatesBefore before;
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
  public void open(OpenContext openContext) {
    contact =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("kept-contact", TypeInformation.of(KeptContact.class)));
    before = new ContactStatesBefore(getRuntimeContext());
    codec = EventKind.INTERACTION.codec();
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    replays = getRuntimeContext().getMetricGroup().counter("lateEventReplays");
    incompleteLegs = getRuntimeContext().getMetricGroup().counter("incompleteLegs");
  }

  @Override
  public void processElement(Inbound<InteractionEvent> in, Context ctx, Collector<ContactFact> out)
      throws Exception {
    KeptContact kept = kept();
    if (kept != null && kept.seen(in.event.getEventId())) {
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
    if (kept == null) {
      kept = new KeptContact();
    }
    String refusal = kept.extent.refusal(at, maxEvents, maxSpanMs);
    if (refusal != null) {
      // Not kept, not logged: the excess costs its rejection and a later housekeeping.
      reject(ctx, in, kept.extent.reason(maxEvents).name(), refusal);
      kept.extent.refused(at);
      if (kept.state != null) {
        scheduleHousekeeping(ctx, kept);
      }
      contact.update(kept);
      return;
    }
    kept.extent.add(at);
    if (at > watermark) {
      kept.waiting = ContactReplay.insert(kept.waiting, in);
      if (kept.waiting[0] == in) { // the first waiting: the others' timer is its timer too
        ctx.timerService().registerEventTimeTimer(at);
      }
    } else {
      place(in, kept, ctx, out);
    }
    contact.update(kept);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ContactFact> out)
      throws Exception {
    KeptContact kept = kept();
    if (kept == null) {
      return;
    }
    boolean applied = applyWaiting(timestamp, kept, ctx, out);
    boolean reported = reportSettledRefusals(ctx, timestamp, kept);
    if (kept.housekeepingAt != timestamp) {
      if (applied || reported) {
        contact.update(kept);
      }
      return;
    }
    kept.housekeepingAt = KeptContact.NONE; // fired
    ContactState state = kept.state;
    if (state != null) {
      long dueAt = housekeepingDue(kept);
      if (dueAt > timestamp) { // events since the timer was set moved it on
        ctx.timerService().registerEventTimeTimer(dueAt);
        kept.housekeepingAt = dueAt;
        contact.update(kept);
        return;
      }
    }
    if (state != null && !state.finished()) {
      List<ContactFact> closed = ContactTimeline.closeIncomplete(state, timestamp);
      incompleteLegs.inc(closed.size());
      ContactHistory past = kept.history;
      past.emitted = ContactReplay.append(past.emitted, closed);
      emit(ctx, past, closed, out);
      scheduleHousekeeping(ctx, kept);
      contact.update(kept);
    } else if (kept.waiting.length == 0) {
      reportSettledRefusals(ctx, Long.MAX_VALUE, kept);
      resolve(ctx, state);
      contact.clear();
    } else {
      contact.update(kept);
    }
  }

  /**
   * Applies the waiting events the watermark has passed, in order, and sets the timer for the first
   * one still waiting. One timer for a contact's waiting events, not one per event: when the
   * watermark passes several at once (a job reading a backlog), one firing applies them all. Past
   * the timer's own time ({@code now}) they stop at the contact's housekeeping, which comes first
   * at its time, as when each event had a timer. Returns whether one was applied.
   */
  private boolean applyWaiting(
      long now, KeptContact kept, Context ctx, Collector<ContactFact> out) {
    long watermark = Math.max(now, ctx.timerService().currentWatermark());
    boolean applied = false;
    while (kept.waiting.length > 0) {
      Inbound<InteractionEvent> next = kept.waiting[0];
      long at = next.event.getOccurredAt().toEpochMilli();
      if (at > watermark
          || (at > now && kept.housekeepingAt != KeptContact.NONE && at > kept.housekeepingAt)) {
        break;
      }
      kept.waiting = Arrays.copyOfRange(kept.waiting, 1, kept.waiting.length);
      place(next, kept, ctx, out);
      applied = true;
    }
    if (applied && kept.waiting.length > 0) {
      ctx.timerService()
          .registerEventTimeTimer(kept.waiting[0].event.getOccurredAt().toEpochMilli());
    }
    return applied;
  }

  /**
   * The current key's contact; null if none. A contact a savepoint of an earlier release kept in
   * six states is moved into the one state first.
   */
  private KeptContact kept() throws Exception {
    KeptContact kept = contact.value();
    if (kept != null) {
      return kept;
    }
    kept = before.take();
    if (kept != null) {
      contact.update(kept);
    }
    return kept;
  }

  /**
   * Applies an event kept for the contact: at the end of its history, or replayed into its place.
   */
  private void place(
      Inbound<InteractionEvent> in, KeptContact kept, Context ctx, Collector<ContactFact> out) {
    if (in.event.getOccurredAt().toEpochMilli() >= kept.lastLogged()) {
      // nothing came after it, refused events included: its place is the end
      apply(in, kept, ctx, out);
    } else {
      replayWith(in, kept, ctx, out);
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

  /** Applies an event at the end of the contact's history. */
  private void apply(
      Inbound<InteractionEvent> in, KeptContact kept, Context ctx, Collector<ContactFact> out) {
    if (kept.state == null) {
      kept.state = ContactTimeline.start(in.event);
    }
    ContactHistory past = kept.history;
    past.log = ContactReplay.insert(past.log, in);
    try {
      List<ContactFact> facts = ContactTimeline.apply(kept.state, in.event);
      past.emitted = ContactReplay.append(past.emitted, facts);
      emit(ctx, past, facts, out);
    } catch (ImpossibleTransition refused) {
      past.refusals =
          ContactReplay.append(
              past.refusals, List.of(ContactHistory.Refusal.of(in.event, refused)));
      ctx.timerService()
          .registerEventTimeTimer(in.event.getOccurredAt().toEpochMilli() + allowedLatenessMs);
    }
    scheduleHousekeeping(ctx, kept);
  }

  /** An event that belongs before what was already applied: replay the contact with it. */
  private void replayWith(
      Inbound<InteractionEvent> in, KeptContact kept, Context ctx, Collector<ContactFact> out) {
    replays.inc();
    ContactHistory past = kept.history;
    long lastEventAt = kept.state.lastEventAt;
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
    kept.state = replayed.state();
    kept.state.lastEventAt = Math.max(kept.state.lastEventAt, lastEventAt);
    scheduleHousekeeping(ctx, kept);
  }

  /**
   * Reports the refusals no late event can undo any more: their event is past the lateness. Returns
   * whether one went (the caller stores the contact).
   */
  private boolean reportSettledRefusals(Context ctx, long now, KeptContact kept) {
    ContactHistory past = kept.history;
    if (past.refusals.length == 0) {
      return false;
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
    if (open.size() == past.refusals.length) {
      return false;
    }
    past.refusals = open.toArray(ContactHistory.Refusal[]::new);
    return true;
  }

  /**
   * One housekeeping timer per contact: the incomplete-leg limit while open, forgetting it once
   * finished. A timer already set before the due time stays: each event moves the due time on, and
   * moving the timer with it (a delete and an insert in the timer heap per event) cost more than
   * the timer firing early once and setting itself again ({@link #onTimer}). One set after it is
   * moved back.
   */
  private void scheduleHousekeeping(Context ctx, KeptContact kept) {
    long due = housekeepingDue(kept);
    long current = kept.housekeepingAt;
    if (current != KeptContact.NONE && current <= due) {
      return;
    }
    if (current != KeptContact.NONE
        && !kept.waitingAt(current)
        && !refusalDueAt(kept.history, current)) {
      ctx.timerService().deleteEventTimeTimer(current);
    }
    ctx.timerService().registerEventTimeTimer(due);
    kept.housekeepingAt = due;
  }

  /** A refused event is reported at {@code at}: the timer there is its timer too. */
  private boolean refusalDueAt(ContactHistory past, long at) {
    for (ContactHistory.Refusal r : past.refusals) {
      if (logged(past, r.eventId).event.getOccurredAt().toEpochMilli() + allowedLatenessMs == at) {
        return true;
      }
    }
    return false;
  }

  /** When the contact's housekeeping is due, by its state now. */
  private long housekeepingDue(KeptContact kept) {
    // From the latest event seen, refused ones too: a contact whose only event was refused is kept
    // (not forgotten at once) so the event that makes it valid can still arrive.
    ContactState state = kept.state;
    long last = Math.max(Math.max(state.lastEventAt, kept.lastLogged()), kept.extent.lastRefusedAt);
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
    Inbound<InteractionEvent> in = KeptContact.find(past.log, eventId);
    if (in != null) {
      return in;
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
}
