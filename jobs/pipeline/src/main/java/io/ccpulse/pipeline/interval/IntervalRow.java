package io.ccpulse.pipeline.interval;

import io.ccpulse.events.Channel;

/** One entity's figures for one interval: a row of interval_metrics. */
public class IntervalRow {
  public String tenantId;
  public EntityKind kind;
  public String entityId;
  public Channel channel;
  public long intervalSizeSeconds;
  public long intervalStart;
  public IntervalFigures figures;

  /** Larger for a later emission of the same interval; ClickHouse keeps the largest. */
  public long version;

  public IntervalRow() {}

  @Override
  public String toString() {
    return kind
        + " "
        + tenantId
        + "/"
        + entityId
        + "/"
        + channel
        + " @"
        + intervalStart
        + "+"
        + intervalSizeSeconds
        + "s v"
        + version;
  }
}
