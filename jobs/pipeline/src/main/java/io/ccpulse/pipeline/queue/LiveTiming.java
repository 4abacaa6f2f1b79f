package io.ccpulse.pipeline.queue;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * When the live view may apply an input: the sources' out-of-orderness bound, and the live hold
 * (see {@link LiveEdge}).
 */
public record LiveTiming(long boundMs, long holdMs, long liveWindowMs) implements Serializable {
  public static LiveTiming from(PipelineConfig config) {
    return new LiveTiming(
        config.getDuration("event-time.max-out-of-orderness").toMillis(),
        config.getDuration("queue-health.live-hold").toMillis(),
        config.getDuration("queue-health.live-window").toMillis());
  }

  /** Event-time order only (tests, or a replay). */
  public static LiveTiming eventTimeOnly(Duration bound) {
    return new LiveTiming(bound.toMillis(), 0, -1);
  }

  <T> LiveEdge<T> edge(RuntimeContext runtime, String name, Class<T> type) {
    return new LiveEdge<>(runtime, name, type, boundMs, holdMs, liveWindowMs);
  }
}
