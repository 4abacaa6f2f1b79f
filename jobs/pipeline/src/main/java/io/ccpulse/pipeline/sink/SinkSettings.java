package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * Batching and retry settings of the ClickHouse sink (keys {@code sink.*}). {@code maxRetries} -1:
 * retry an unreachable ClickHouse until it is back (the default: an outage delays rows, never fails
 * the job).
 */
public record SinkSettings(
    int batchSize,
    Duration flushInterval,
    int maxRetries,
    Duration retryBackoff,
    Duration retryMaxBackoff)
    implements Serializable {

  public SinkSettings {
    if (batchSize < 1
        || maxRetries < -1
        || retryBackoff.isNegative()
        || retryMaxBackoff.compareTo(retryBackoff) < 0) {
      throw new IllegalArgumentException(
          "sink.batch-size must be ≥ 1, sink.max-retries ≥ -1 (-1: until it is back)"
              + " and sink.retry-max-backoff ≥ sink.retry-backoff");
    }
  }

  public static SinkSettings from(PipelineConfig config) {
    return new SinkSettings(
        config.getInt("sink.batch-size"),
        config.getDuration("sink.flush-interval"),
        config.getInt("sink.max-retries"),
        config.getDuration("sink.retry-backoff"),
        config.getDuration("sink.retry-max-backoff"));
  }

  boolean retriesLeft(int attempt) {
    return maxRetries < 0 || attempt < maxRetries;
  }
}
