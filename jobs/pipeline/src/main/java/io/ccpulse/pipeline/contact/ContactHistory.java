package io.ccpulse.pipeline.contact;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.source.Inbound;

/**
 * What a contact has been through so far: its events in the order they happened (with their Kafka
 * positions), the facts already sent on, and the events refused but not yet reported. Kept so a
 * late event can be put in its place and the contact replayed. A Flink POJO; bounded by the
 * contact's life.
 */
public class ContactHistory {
  public Inbound<InteractionEvent>[] log = newLog(0);
  public ContactFact[] emitted = new ContactFact[0];

  /**
   * Events refused so far, reported only once the allowed lateness has passed them: until then an
   * earlier event still on its way could make them valid (a HOLD_ENDED whose HOLD_STARTED is late).
   */
  public Refusal[] refusals = new Refusal[0];

  /**
   * The highest version given to a fact of this contact so far (0 for none): each next fact gets a
   * higher one, so in contact_facts a retraction outranks the fact it takes back even when both go
   * out within one millisecond ({@link ContactFact#stamp}).
   */
  public long lastVersion;

  public ContactHistory() {}

  @SuppressWarnings("unchecked")
  static Inbound<InteractionEvent>[] newLog(int size) {
    return (Inbound<InteractionEvent>[]) new Inbound[size];
  }

  /** An event the contact could not take, and why. */
  public static class Refusal {
    public String eventId;
    public String reason;
    public String detail;

    public Refusal() {}

    static Refusal of(InteractionEvent e, ImpossibleTransition why) {
      Refusal r = new Refusal();
      r.eventId = e.getEventId();
      r.reason = why.reason().name();
      r.detail = why.getMessage();
      return r;
    }
  }
}
