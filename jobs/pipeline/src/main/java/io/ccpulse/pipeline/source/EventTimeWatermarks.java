package io.ccpulse.pipeline.source;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks (the largest event time seen, minus the bound), emitted
 * periodically or after every event.
 *
 * <p>Per event matters when history is replayed faster than it happened: with periodic emission a
 * whole burst is read under one old watermark, so an event that was hours late when it was first
 * delivered looks on time. Per event, each partition's watermark follows its records exactly, and a
 * replay judges lateness as the live stream did.
 */
final class EventTimeWatermarks<T> implements WatermarkGenerator<Inbound<T>> {
  private final long boundMs;
  private final boolean perEvent;
  private long maxTimestamp;
  private long emitted = Long.MIN_VALUE;

  EventTimeWatermarks(long boundMs, boolean perEvent) {
    this.boundMs = boundMs;
    this.perEvent = perEvent;
    this.maxTimestamp = Long.MIN_VALUE + boundMs + 1;
  }

  @Override
  public void onEvent(Inbound<T> in, long timestamp, WatermarkOutput output) {
    if (timestamp > maxTimestamp) {
      maxTimestamp = timestamp;
      if (perEvent) {
        emit(output);
      }
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    emit(output);
  }

  private void emit(WatermarkOutput output) {
    long watermark = maxTimestamp - boundMs - 1;
    if (watermark > emitted) {
      emitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
