package io.ccpulse.pipeline.contact;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.source.Inbound;

/**
 * All the assembler keeps of one contact, in one keyed state: an event costs one look-up and one
 * write of it (on RocksDB, one read and one write of the contact, which a late event's replay needs
 * whole anyway). A Flink POJO.
 */
public class KeptContact {
  /** Where the contact stands; null until its first event is applied. */
  public ContactState state;

  public ContactHistory history = new ContactHistory();

  /**
   * Events ahead of the watermark, waiting for it in event-time order (equal times in the order
   * they came); the first has a timer.
   */
  public Inbound<InteractionEvent>[] waiting = ContactHistory.newLog(0);

  public ContactExtent extent = new ContactExtent();

  /** When the housekeeping timer is set for; {@link #NONE} for none. */
  public long housekeepingAt = NONE;

  public static final long NONE = Long.MIN_VALUE;

  public KeptContact() {}

  /** The event with this id is kept already, applied or waiting: a duplicate. */
  boolean seen(String eventId) {
    return find(history.log, eventId) != null || find(waiting, eventId) != null;
  }

  /** The event with this id among {@code events}, or null. */
  static Inbound<InteractionEvent> find(Inbound<InteractionEvent>[] events, String eventId) {
    for (Inbound<InteractionEvent> in : events) {
      if (in.event.getEventId().equals(eventId)) {
        return in;
      }
    }
    return null;
  }

  /** The first waiting event is due at {@code at}: the timer there is the waiting events' timer. */
  boolean waitingAt(long at) {
    return waiting.length > 0 && waiting[0].event.getOccurredAt().toEpochMilli() == at;
  }

  /** Event time of the latest event in the history, refused ones too; MIN_VALUE for none. */
  long lastLogged() {
    var log = history.log;
    return log.length == 0
        ? Long.MIN_VALUE
        : log[log.length - 1].event.getOccurredAt().toEpochMilli();
  }
}
