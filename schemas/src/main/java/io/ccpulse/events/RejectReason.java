package io.ccpulse.events;

/**
 * Why an event was not counted. Stored as text in the rejected_events table, so names are API: add
 * new ones, never rename.
 */
public enum RejectReason {
  /** Not Avro single-object encoding: wrong magic or too short for a header. */
  UNREADABLE_BYTES,
  /** Single-object header with a fingerprint of no released schema version. */
  UNKNOWN_SCHEMA,
  /** Known schema, but the body does not decode (truncated, corrupt, bad enum symbol). */
  MALFORMED_BODY,
  /** Decoded, but a field the event's type needs is missing or out of range. */
  INVALID_FIELD,
  /** The event cannot follow what the interaction already did (e.g. HOLD_ENDED with no hold). */
  IMPOSSIBLE_TRANSITION,
  /** A duration computed from the event would be negative. */
  NEGATIVE_DURATION,
  /** occurred_at is further in the future than the allowed clock skew. */
  FUTURE_TIMESTAMP,
  /** Arrived after its interval closed and the allowed lateness passed. */
  TOO_LATE,
  /**
   * An id with characters no id may have: control or invisible format characters (a newline, the
   * U+0001 the job once joined keys with, a zero-width space), line separators, or a '/' in
   * tenant_id (the tenant comes first wherever ids are written joined, in configuration keys and
   * Kafka message keys, so it must not contain the separator).
   */
  INVALID_ID,
  /**
   * An id or text field longer than the configured limit (input.max-id-length,
   * input.max-text-length).
   */
  FIELD_TOO_LONG,
  /** occurred_at is before input.earliest (a clock at zero: 1970). */
  ANCIENT_TIMESTAMP,
  /** tenant_id is not one of input.tenants (when that list is set). */
  UNKNOWN_TENANT,
  /** A LOGGED_IN naming more queues than input.max-agent-queues. */
  TOO_MANY_QUEUES,
  /**
   * The contact already has input.max-contact-events events; this one and later ones are not kept.
   */
  TOO_MANY_EVENTS,
  /** The event is further than input.max-contact-span from its contact's other events. */
  CONTACT_TOO_LONG,
  /**
   * Not an event: Kafka records the job never read, deleted (retention) before it got to them. The
   * row names the topic, partition and first offset skipped; its detail the last.
   */
  OFFSETS_SKIPPED
}
