package io.ccpulse.pipeline.interval;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling event-time intervals placed by the facts' own time ({@link EntityFigures#intervalStart},
 * from {@link io.ccpulse.pipeline.contact.ContactFact#at}) rather than the record's: a retraction
 * emitted now must land in the interval of the fact it takes back.
 */
public final class FactTimeWindows extends WindowAssigner<EntityFigures, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;

  public FactTimeWindows(Duration size) {
    this.size = size.toMillis();
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      EntityFigures element, long timestamp, WindowAssignerContext context) {
    long start = TimeWindow.getWindowStartWithOffset(element.intervalStart, 0, size);
    return List.of(new TimeWindow(start, start + size));
  }

  @Override
  public Trigger<EntityFigures, TimeWindow> getDefaultTrigger() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Trigger<EntityFigures, TimeWindow> trigger = (Trigger) EventTimeTrigger.create();
    return trigger;
  }

  @Override
  public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
    return new TimeWindow.Serializer();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return "FactTimeWindows(" + size + ")";
  }
}
