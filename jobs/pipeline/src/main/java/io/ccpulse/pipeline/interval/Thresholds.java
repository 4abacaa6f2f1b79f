package io.ccpulse.pipeline.interval;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.Serializable;

/** The contact-center thresholds the interval figures depend on. */
public record Thresholds(long serviceLevelMs, long shortAbandonMs) implements Serializable {
  public static Thresholds from(PipelineConfig config) {
    return new Thresholds(
        config.getDuration("metrics.service-level-threshold").toMillis(),
        config.getDuration("metrics.short-abandon-threshold").toMillis());
  }
}
