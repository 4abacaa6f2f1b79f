package io.ccpulse.pipeline.source;

import io.ccpulse.events.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts rejections by reason in Flink metrics ({@code rejected.<REASON>}) on their way to the
 * table.
 */
public final class CountRejected extends RichMapFunction<RejectedEvent, RejectedEvent> {
  private static final long serialVersionUID = 1L;
  private transient Map<RejectReason, Counter> counters;

  @Override
  public void open(OpenContext context) {
    counters = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      counters.put(
          reason, getRuntimeContext().getMetricGroup().addGroup("rejected").counter(reason.name()));
    }
  }

  @Override
  public RejectedEvent map(RejectedEvent r) {
    counters.get(RejectReason.valueOf(r.reason)).inc();
    return r;
  }
}
