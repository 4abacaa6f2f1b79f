package io.ccpulse.pipeline.contact;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.TimeOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts a late event in its place in a contact's history and replays the contact from the start, so
 * the facts are what they would have been had the event come on time. What changed goes out as
 * retractions of the old facts and the corrected facts. A plain class, tested without Flink.
 */
public final class ContactReplay {
  /** The result of a replay: the contact's state and facts, and what it refused. */
  public record Outcome(
      ContactState state, List<ContactFact> facts, List<ContactHistory.Refusal> refusals) {}

  private ContactReplay() {}

  /**
   * The log with {@code e} inserted after every event at its time or earlier. Equal times keep the
   * order the events came in: the producer writes a contact's events in the order they happen, on
   * one partition, so that order says which of two same-instant events came first (a TRANSFERRED
   * and the QUEUED it causes).
   */
  public static Inbound<InteractionEvent>[] insert(
      Inbound<InteractionEvent>[] log, Inbound<InteractionEvent> e) {
    return TimeOrder.insert(log, e, in -> in.event.getOccurredAt().toEpochMilli());
  }

  /** Runs the whole log through a fresh contact. */
  public static Outcome replay(Inbound<InteractionEvent>[] log) {
    ContactState state = ContactTimeline.start(log[0].event);
    List<ContactFact> facts = new ArrayList<>();
    List<ContactHistory.Refusal> refusals = new ArrayList<>();
    for (Inbound<InteractionEvent> in : log) {
      try {
        facts.addAll(ContactTimeline.apply(state, in.event));
      } catch (ImpossibleTransition refused) {
        refusals.add(ContactHistory.Refusal.of(in.event, refused));
      }
    }
    return new Outcome(state, facts, refusals);
  }

  /** Retractions of the facts no longer true, then the facts that are new. */
  public static List<ContactFact> changes(ContactFact[] before, List<ContactFact> after) {
    List<ContactFact> unmatched = new ArrayList<>(after);
    List<ContactFact> changes = new ArrayList<>();
    for (ContactFact old : before) {
      int same = indexOfSame(unmatched, old);
      if (same >= 0) {
        unmatched.remove(same);
      } else {
        changes.add(old.retraction());
      }
    }
    changes.addAll(unmatched);
    return changes;
  }

  static <T> T[] append(T[] items, List<T> more) {
    T[] all = Arrays.copyOf(items, items.length + more.size());
    for (int i = 0; i < more.size(); i++) {
      all[items.length + i] = more.get(i);
    }
    return all;
  }

  private static int indexOfSame(List<ContactFact> facts, ContactFact f) {
    for (int i = 0; i < facts.size(); i++) {
      if (facts.get(i).sameAs(f)) {
        return i;
      }
    }
    return -1;
  }
}
