package io.ccpulse.pipeline.source;

import java.io.Serializable;
import java.util.OptionalLong;

/**
 * What Kafka says about a partition's offsets now, for {@link OffsetContinuity} to tell a gap it
 * saw apart: records that are gone, or offsets that never held a record.
 */
public interface PartitionOffsets extends Serializable, AutoCloseable {
  /** The partition's log start offset: the first record Kafka still holds. */
  long logStart(String topic, int partition) throws Exception;

  /** The offset the consumer group has committed for the partition, if any. */
  OptionalLong committed(String group, String topic, int partition) throws Exception;

  @Override
  default void close() {}
}
