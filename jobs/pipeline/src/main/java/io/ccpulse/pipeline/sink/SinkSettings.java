package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.Serializable;
import java.time.Duration;

/** Batching and retry settings of the ClickHouse sink (keys {@code sink.*}). */
public record SinkSettings(int batchSize, Duration flushInterval, int maxRetries, Duration retryBackoff)
    implements Serializable {

  public SinkSettings {
    if (batchSize < 1 || maxRetries < 0) {
      throw new IllegalArgumentException("sink.batch-size must be ≥ 1 and sink.max-retries ≥ 0");
    }
  }

  public static SinkSettings from(PipelineConfig config) {
    return new SinkSettings(
        config.getInt("sink.batch-size"),
        config.getDuration("sink.flush-interval"),
        config.getInt("sink.max-retries"),
        config.getDuration("sink.retry-backoff"));
  }
}
