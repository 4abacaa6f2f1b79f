package io.ccpulse.pipeline.queue;

/**
 * When the live view applies an input: at its event time, unless its record reached Kafka after its
 * partition's clock had passed that time (a straggler: delivered late, or behind an earlier event
 * of its partition); then at the moment the clock says it became known, the record's timestamp or
 * the latest event time before it in its partition ({@code partition clock + bound + 1 ms}, {@link
 * io.ccpulse.pipeline.source.PartitionClock}).
 *
 * <p>Both depend only on the partition's records, so a straggler counts from the same step whatever
 * the read speed and however many partitions carry the topic; applied when it happened to arrive,
 * it would land after however many steps the other partitions' reads had let pass. And the moment
 * is always after the live edge at its arrival (the watermark is never ahead of the partition clock
 * of the records still to come), so it is held, never applied at once.
 */
final class LiveMoment {
  private LiveMoment() {}

  /**
   * @param partitionClock the record's partition clock, or {@link Long#MIN_VALUE} where none was
   *     stamped (tests, sources of other kinds): then the event time
   */
  static long of(long at, long partitionClock, long boundMs) {
    return partitionClock == Long.MIN_VALUE ? at : Math.max(at, partitionClock + boundMs + 1);
  }
}
