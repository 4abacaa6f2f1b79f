package io.ccpulse.simulator.output;

import io.ccpulse.events.RejectReason;
import java.util.Comparator;

/**
 * Where a record the pipeline must reject landed in Kafka, as the producer's acknowledgement told:
 * the identity the pipeline's rejected_events row carries (topic, partition, offset), so a check
 * can match each rejection to the very record injected, not just count them.
 */
public record BadRecord(String topic, int partition, long offset, Fault fault) {
  /** Topic, partition, offset. */
  public static final Comparator<BadRecord> ORDER =
      Comparator.comparing(BadRecord::topic)
          .thenComparingInt(BadRecord::partition)
          .thenComparingLong(BadRecord::offset);

  /** The reason the pipeline must give. */
  public RejectReason reason() {
    return fault.rejectedAs();
  }
}
