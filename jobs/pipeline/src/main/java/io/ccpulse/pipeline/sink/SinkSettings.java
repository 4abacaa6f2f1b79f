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
    Duration retryMaxBackoff,
    boolean flushOnTheClock)
    implements Serializable {

  /** Settings whose batches go on the clock's grid ({@link #flushAt}). */
  public SinkSettings(
      int batchSize,
      Duration flushInterval,
      int maxRetries,
      Duration retryBackoff,
      Duration retryMaxBackoff) {
    this(batchSize, flushInterval, maxRetries, retryBackoff, retryMaxBackoff, true);
  }

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
   * When a batch whose first row came at {@code nowMs} goes. On the clock ({@link
   * #flushOnTheClock}, the tables dashboards read live): at the next whole multiple of the flush
   * interval, so rows made together (a minute's interval rows, made as the watermark passes its
   * end) wait half the interval on average instead of all of it, and never longer. Otherwise the
   * interval after the first row: an analysis table's batches stay as large as they can be.
   */
  public long flushAt(long nowMs) {
    long every = Math.max(1, flushInterval.toMillis());
    return flushOnTheClock ? (Math.floorDiv(nowMs, every) + 1) * every : nowMs + every;
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
        config.getDuration("sink.retry-max-backoff"),
        table.readLive());
  }

  boolean retriesLeft(int attempt) {
    return maxRetries < 0 || attempt < maxRetries;
  }
}
