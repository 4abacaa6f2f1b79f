package io.ccpulse.events;

/**
 * Why an event was not counted. Stored as text in the rejected_events table, so names are API:
 * add new ones, never rename.
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
   * Not an event: Kafka records the job never read, deleted (retention) before it got to them. The
   * row names the topic, partition and first offset skipped; its detail the last.
   */
  OFFSETS_SKIPPED
}
