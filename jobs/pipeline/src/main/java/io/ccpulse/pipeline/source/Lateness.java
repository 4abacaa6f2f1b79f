package io.ccpulse.pipeline.source;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an event is too late: the one rule every stage applies (docs/metrics.md §10).
 *
 * <p>An event is too late when its event time plus the allowed lateness is before the time it is
 * judged at: its partition's clock when it reached Kafka ({@link PartitionClock}), or the
 * operator's watermark if that is ahead. On the Kafka path the watermark never is (it is the
 * smallest of every partition's, each never ahead of the clock of the records after it), so the
 * verdict is the clock's: the data's, not the read speed's. The watermark stands in where no source
 * stamped a clock (operator tests, sources of other kinds).
 */
public final class Lateness {
  private Lateness() {}

  /** The time an event is judged at. */
  public static long judgedAt(long partitionClock, long watermark) {
    return Math.max(partitionClock, watermark);
  }

  /** Later than the allowed lateness. */
  public static boolean tooLate(long at, long partitionClock, long watermark, long latenessMs) {
    return RejectedEvent.tooLate(at, judgedAt(partitionClock, watermark), latenessMs);
  }

  /** Why an event is too late, in the words every stage uses. */
  public static String detail(long at, long partitionClock, long watermark, long latenessMs) {
    long judged = judgedAt(partitionClock, watermark);
    return "event time "
        + Instant.ofEpochMilli(at)
        + " is "
        + Duration.ofMillis(judged - at)
        + (partitionClock >= watermark
            ? " behind its partition's event-time clock when it reached Kafka"
            : " behind the watermark")
        + " (allowed lateness "
        + Duration.ofMillis(latenessMs)
        + ")";
  }
}
