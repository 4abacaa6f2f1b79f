package io.ccpulse.simulator.faults;

/** Counters of one stream (topic): what was delivered and which faults were injected. */
public final class StreamFaults {
  long events;
  long records;
  long delayed;
  long maxDelayMs;
  long duplicates;
  long tooLate;
  long unreadable;
  long unknownSchema;
  long impossible;

  /** Fuzz events by the reason the pipeline must reject them under. */
  final java.util.Map<io.ccpulse.events.RejectReason, Long> fuzz =
      new java.util.EnumMap<>(io.ccpulse.events.RejectReason.class);

  /** On-time events the truth counts (each once, whatever its copies or delay). */
  public long events() {
    return events;
  }

  /** Records delivered in total, faults included. */
  public long records() {
    return records;
  }

  /** Events delivered late but within the allowed lateness. */
  public long delayed() {
    return delayed;
  }

  /** The longest such delay. */
  public long maxDelayMs() {
    return maxDelayMs;
  }

  /** Second copies (same event_id). */
  public long duplicates() {
    return duplicates;
  }

  /** Events of too-late contacts, delivered after the allowed lateness. */
  public long tooLate() {
    return tooLate;
  }

  public long unreadable() {
    return unreadable;
  }

  public long unknownSchema() {
    return unknownSchema;
  }

  /** Impossible-transition events. */
  public long impossible() {
    return impossible;
  }

  /** Malformed events of the fuzz stream. */
  public long fuzzed() {
    return fuzz.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records the pipeline should reject (duplicates are dropped, not rejected). */
  public long expectedRejected() {
    return tooLate + unreadable + unknownSchema + impossible + fuzzed();
  }
}
