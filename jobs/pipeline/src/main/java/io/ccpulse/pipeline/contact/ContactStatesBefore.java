package io.ccpulse.pipeline.contact;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.TimeOrder;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;

/**
 * The six keyed states the assembler kept per contact before {@link KeptContact} (releases up to
 * the one that made it), declared as they were so a savepoint of such a release restores: a contact
 * found in them is moved into one {@link KeptContact} the first time its key is seen again, by an
 * event or a timer, and they are cleared for it. Events that waited for the watermark then ({@code
 * pending}) wait on in it, at the timers they had.
 */
final class ContactStatesBefore {
  final ValueState<ContactState> contact;
  final ValueState<ContactHistory> history;
  final MapState<Long, Inbound<InteractionEvent>[]> pending;
  final MapState<String, Boolean> seen;
  final ValueState<Long> housekeepingAt;
  final ValueState<ContactExtent> extent;

  @SuppressWarnings("unchecked")
  ContactStatesBefore(RuntimeContext context) {
    // as those states were written: Flink's POJO serializer (streams send events as their bytes)
    TypeInformation<Inbound<InteractionEvent>> inbound =
        TypeInformation.of(new TypeHint<Inbound<InteractionEvent>>() {});
    contact =
        context.getState(
            new ValueStateDescriptor<>("contact", TypeInformation.of(ContactState.class)));
    history =
        context.getState(
            new ValueStateDescriptor<>("history", TypeInformation.of(ContactHistory.class)));
    pending =
        context.getMapState(
            new MapStateDescriptor<>(
                "pending",
                Types.LONG,
                ObjectArrayTypeInfo.getInfoFor(
                    (Class<Inbound<InteractionEvent>[]>) (Class<?>) Inbound[].class, inbound)));
    seen =
        context.getMapState(
            new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN));
    housekeepingAt = context.getState(new ValueStateDescriptor<>("housekeeping-at", Types.LONG));
    extent =
        context.getState(
            new ValueStateDescriptor<>("extent", TypeInformation.of(ContactExtent.class)));
  }

  /**
   * The current key's contact as the old states kept it, which are then cleared; null if they have
   * none. Every contact there had an extent (the first thing stored for any event).
   */
  KeptContact take() throws Exception {
    ContactExtent oldExtent = extent.value();
    if (oldExtent == null) {
      return null;
    }
    KeptContact kept = new KeptContact();
    kept.extent = oldExtent;
    kept.state = contact.value();
    ContactHistory past = history.value();
    if (past != null) {
      kept.history = past;
    }
    Long housekeeping = housekeepingAt.value();
    kept.housekeepingAt = housekeeping == null ? KeptContact.NONE : housekeeping;
    // in event-time order; one instant's events in the order they came
    kept.waiting = TimeOrder.concat(TimeOrder.byTime(pending).values(), ContactHistory.newLog(0));
    contact.clear();
    history.clear();
    pending.clear();
    seen.clear();
    housekeepingAt.clear();
    extent.clear();
    return kept;
  }
}
