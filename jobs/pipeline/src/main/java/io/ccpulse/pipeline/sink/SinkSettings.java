package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * Batching and retry settings of the ClickHouse sink (keys {@code sink.*}). {@code maxRetries} -1:
 * retry an unreachable ClickHouse until it is back (the default: an outage delays rows, never fails
 * the job). {@code catchUpLag} null: a batch never waits for {@code catchUpFlushInterval} ({@link
 * #catchUpFlushAt}).
 */
public record SinkSettings(
    int batchSize,
    Duration flushInterval,
    int maxRetries,
    Duration retryBackoff,
    Duration retryMaxBackoff,
    boolean flushOnTheClock,
    Duration catchUpFlushInterval,
    Duration catchUpLag)
    implements Serializable {

  /** Settings whose batches go on the clock's grid ({@link #flushAt}), caught up or not. */
  public SinkSettings(
      int batchSize,
      Duration flushInterval,
      int maxRetries,
      Duration retryBackoff,
      Duration retryMaxBackoff) {
    this(batchSize, flushInterval, maxRetries, retryBackoff, retryMaxBackoff, true);
  }

  /** Settings whose batches go after {@code flushInterval} whatever the rows' time. */
  public SinkSettings(
      int batchSize,
      Duration flushInterval,
      int maxRetries,
      Duration retryBackoff,
      Duration retryMaxBackoff,
      boolean flushOnTheClock) {
    this(
        batchSize,
        flushInterval,
        maxRetries,
        retryBackoff,
        retryMaxBackoff,
        flushOnTheClock,
        flushInterval,
        null);
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
   * When a batch whose time came at {@code nowMs} ({@link #flushAt}) goes instead: -1 for now. Its
   * first row came at {@code startMs}; {@code newestRowMs} is the moment the newest row written so
   * far tells of (event time). More than {@link #catchUpLag} behind the clock, the rows are a
   * replay or a catch-up: nobody watches them arrive, so the batch waits as an analysis table's
   * does ({@link #catchUpFlushInterval} after its first row). Fewer, larger INSERTs are far cheaper
   * for ClickHouse (BENCHMARKS.md); live rows are minutes old at most and go on time.
   */
  public long catchUpFlushAt(long startMs, long nowMs, long newestRowMs) {
    if (catchUpLag == null
        || newestRowMs == Long.MIN_VALUE
        || nowMs - newestRowMs <= catchUpLag.toMillis()) {
      return -1;
    }
    long at = startMs + catchUpFlushInterval.toMillis();
    return at > nowMs ? at : -1;
  }

  /**
   * The settings for {@code table}: a table dashboards read as it is written ({@link
   * OutputTable#readLive()}) gets its batches sent after {@code sink.flush-interval} (after {@code
   * sink.analysis-flush-interval} while its rows are more than {@code sink.catch-up-lag} old), the
   * others after {@code sink.analysis-flush-interval} (fewer, larger INSERTs: less for ClickHouse
   * to merge).
   */
  public static SinkSettings from(PipelineConfig config, OutputTable<?> table) {
    Duration analysis = config.getDuration("sink.analysis-flush-interval");
    return new SinkSettings(
        config.getInt("sink.batch-size"),
        table.readLive() ? config.getDuration("sink.flush-interval") : analysis,
        config.getInt("sink.max-retries"),
        config.getDuration("sink.retry-backoff"),
        config.getDuration("sink.retry-max-backoff"),
        table.readLive(),
        analysis,
        table.readLive() ? config.getDuration("sink.catch-up-lag") : null);
  }

  boolean retriesLeft(int attempt) {
    return maxRetries < 0 || attempt < maxRetries;
  }
}
