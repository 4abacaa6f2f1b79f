package io.ccpulse.simulator.output;

import io.ccpulse.events.RejectReason;

/**
 * Why a delivered record differs from a plain, on-time event. Simulator metadata for tests; it is
 * not part of what is published.
 */
public enum Fault {
  /** An ordinary event, delivered when it occurred. */
  NONE,
  /** Delivered up to the maximum delay after it occurred (within the allowed lateness). */
  DELAYED,
  /** A second copy (same bytes, same event_id) delivered after the first. */
  DUPLICATE,
  /**
   * An event of a too-late contact: delivered after the allowed lateness; the truth excludes it.
   */
  TOO_LATE,
  /** Extra bytes that are not Avro single-object encoding. */
  UNREADABLE,
  /** An extra record with a valid header but a schema fingerprint no released schema has. */
  UNKNOWN_SCHEMA,
  /** An extra event, valid Avro, that cannot follow what its contact already did. */
  IMPOSSIBLE,
  /** An extra malformed event of a fuzz stream (bad ids, absurd times, limits exceeded). */
  FUZZ;

  /**
   * The reason the pipeline must reject a record with this fault for, or {@code null} for records
   * it must accept (on time, delayed within the lateness), drop silently (a duplicate counts once),
   * or reject for a reason of their own (a fuzz event).
   */
  public RejectReason rejectedAs() {
    return switch (this) {
      // A fuzz event's reason depends on what is wrong with it: its summary (FaultSummary.fuzzed())
      // has
      // it, by event id.
      case NONE, DELAYED, DUPLICATE, FUZZ -> null;
      case TOO_LATE -> RejectReason.TOO_LATE;
      case UNREADABLE -> RejectReason.UNREADABLE_BYTES;
      case UNKNOWN_SCHEMA -> RejectReason.UNKNOWN_SCHEMA;
      case IMPOSSIBLE -> RejectReason.IMPOSSIBLE_TRANSITION;
    };
  }
}
