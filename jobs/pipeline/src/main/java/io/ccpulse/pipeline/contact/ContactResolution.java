package io.ccpulse.pipeline.contact;

import io.ccpulse.events.Channel;

/**
 * One conversation, from its first queue entry to its last wrap-up, once it is over: how many legs
 * and transfers it took, how often the customer was put on hold, and how long it took to resolve
 * (docs/metrics.md §11). Written once per contact, when the job forgets it; a restart may write it
 * again, the same row.
 */
public class ContactResolution {
  public String tenantId;
  public String interactionId;
  public Channel channel;

  /** The queue the contact was first answered from: its first leg's queue. */
  public String queueId;

  public String customerId;

  /** The first QUEUED (or, for a contact never queued, its first ANSWERED). */
  public long startedAt;

  /** The last leg's WRAPUP_ENDED. */
  public long resolvedAt;

  /** Completed legs. */
  public int legs;

  /** Legs ended by TRANSFERRED. */
  public int transfers;

  /** Hold segments (HOLD_STARTED) over every leg. */
  public int holds;

  public long holdMs;

  /** Σ handle time (talk + hold + acw) of the legs. */
  public long handleMs;

  /** The contact's last queue wait ended with ABANDONED (after a transfer). */
  public boolean abandoned;

  public long version;

  public ContactResolution() {}

  /** The resolution of a finished contact, or null if it has none (no leg completed). */
  static ContactResolution of(ContactState s) {
    if (s.legsCompleted == 0 || s.incompleteLegs > 0) {
      return null;
    }
    ContactResolution r = new ContactResolution();
    r.tenantId = s.tenantId;
    r.interactionId = s.interactionId;
    r.channel = s.channel;
    r.queueId = s.firstLegQueueId;
    r.customerId = s.customerId;
    r.startedAt = s.startedAt;
    r.resolvedAt = s.lastWrapupAt;
    r.legs = s.legsCompleted;
    r.transfers = s.transfers;
    r.holds = s.holds;
    r.holdMs = s.holdMs;
    r.handleMs = s.handleMs;
    r.abandoned = s.abandoned;
    return r;
  }

  public long resolutionMs() {
    return resolvedAt - startedAt;
  }

  @Override
  public String toString() {
    return tenantId
        + "/"
        + interactionId
        + " q="
        + queueId
        + " "
        + startedAt
        + ".."
        + resolvedAt
        + " legs="
        + legs
        + " transfers="
        + transfers
        + " holds="
        + holds
        + "/"
        + holdMs
        + " handle="
        + handleMs
        + (abandoned ? " abandoned" : "");
  }
}
