package io.ccpulse.pipeline.source;

import io.ccpulse.events.RejectReason;

/** A row of the rejected_events table: what could not be counted, why, and the raw bytes. */
public class RejectedEvent {
  /** Longest tenant or event id stored as such; longer ones are cut (see {@link #clip}). */
  static final int MAX_STORED_ID = 1000;

  /**
   * The event times rejected_events stores (DateTime64 starts in 1900; nanoseconds in a long end in
   * 2262).
   */
  static final long EARLIEST_STORABLE =
      java.time.Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();

  static final long LATEST_STORABLE =
      java.time.Instant.parse("2262-01-01T00:00:00Z").toEpochMilli();

  public long rejectedAt;
  public String sourceTopic;
  public int sourcePartition;
  public long sourceOffset;
  public String reason;
  public String detail;

  /** Record and type when it decoded, e.g. "InteractionEvent.QUEUED"; empty otherwise. */
  public String eventType = "";

  public String tenantId = "";
  public String eventId = "";

  /** Event time in epoch millis when it decoded and is a time the table can hold, else null. */
  public Long occurredAt;

  public byte[] payload;

  public RejectedEvent() {}

  public static RejectedEvent of(
      RejectReason reason,
      String detail,
      String topic,
      int partition,
      long offset,
      byte[] payload,
      long now) {
    RejectedEvent r = new RejectedEvent();
    r.rejectedAt = now;
    r.reason = reason.name();
    r.detail = detail;
    r.sourceTopic = topic;
    r.sourcePartition = partition;
    r.sourceOffset = offset;
    r.payload = payload == null ? new byte[0] : payload;
    return r;
  }

  /**
   * A decoded event refused by some stage, named by its record, type, tenant, id and event time.
   * Past the source the original bytes are gone: pass the event re-encoded (it decodes the same).
   */
  public static <T extends org.apache.avro.specific.SpecificRecord> RejectedEvent of(
      EventKind<T> kind,
      T event,
      RejectReason reason,
      String detail,
      String topic,
      int partition,
      long offset,
      byte[] payload,
      long now) {
    RejectedEvent r = of(reason, detail, topic, partition, offset, payload, now);
    r.eventType = kind.recordName() + "." + kind.type(event);
    r.tenantId = clip(nullToEmpty(kind.tenant(event)));
    r.eventId = clip(nullToEmpty(kind.eventId(event)));
    r.occurredAt = storable(kind.occurredAt(event).toEpochMilli());
    return r;
  }

  /**
   * Later than the allowed lateness: {@code at + lateness < watermark} (the other way round
   * overflows).
   */
  public static boolean tooLate(long at, long watermark, long latenessMs) {
    return at + latenessMs < watermark;
  }

  /**
   * An event time as stored, or null when the table cannot hold it: occurred_at is a DateTime64(3),
   * written as nanoseconds since the epoch, which a long holds only up to 2262. A 9999 timestamp
   * (rejected as FUTURE_TIMESTAMP) made the rejection itself a row ClickHouse refused, and the job
   * failed on it; the detail still names the time.
   */
  static Long storable(long occurredAt) {
    return occurredAt >= EARLIEST_STORABLE && occurredAt < LATEST_STORABLE ? occurredAt : null;
  }

  /**
   * An id as stored: a rejected event's id may be megabytes (that may be why it was rejected), and
   * event_id is part of the table's sorting key. The raw payload keeps it whole.
   */
  static String clip(String id) {
    return id.length() <= MAX_STORED_ID ? id : id.substring(0, MAX_STORED_ID) + "…";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public String toString() {
    return reason
        + "("
        + sourceTopic
        + "/"
        + sourcePartition
        + "@"
        + sourceOffset
        + ": "
        + detail
        + ")";
  }
}
