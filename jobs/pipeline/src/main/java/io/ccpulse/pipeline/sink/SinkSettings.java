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

  /**
   * When a batch whose first row came at {@code nowMs} goes: at the next whole multiple of the
   * flush interval, not the interval after its first row. Rows made together (a minute's interval
   * rows, made as the watermark passes its end) would otherwise always wait the whole interval; on
   * the clock's grid they wait half of it on average, and a batch is still never older than the
   * interval.
   */
  public long flushAt(long nowMs) {
    long every = Math.max(1, flushInterval.toMillis());
    return (Math.floorDiv(nowMs, every) + 1) * every;
  }

  /**
   * The settings for {@code table}: a table dashboards read as it is written ({@link
   * OutputTable#readLive()}) gets its batches sent after {@code sink.flush-interval}, the others
   * after {@code sink.analysis-flush-interval} (fewer, larger INSERTs: less for ClickHouse to
   * merge).
   */
  public static SinkSettings from(PipelineConfig config, OutputTable<?> table) {
    return new SinkSettings(
        config.getInt("sink.batch-size"),
        config.getDuration(
            table.readLive() ? "sink.flush-interval" : "sink.analysis-flush-interval"),
        config.getInt("sink.max-retries"),
        config.getDuration("sink.retry-backoff"),
        config.getDuration("sink.retry-max-backoff"));
  }

  boolean retriesLeft(int attempt) {
    return maxRetries < 0 || attempt < maxRetries;
  }
}
