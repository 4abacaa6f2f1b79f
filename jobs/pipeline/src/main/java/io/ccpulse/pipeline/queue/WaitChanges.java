package io.ccpulse.pipeline.queue;

import io.ccpulse.pipeline.key.TenantKey;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by queue: passes a snapshot on only where the estimated wait, in whole seconds, differs
 * from the last one passed (unknown counts as a value), so the queue-wait topic changes when the
 * announcement would. One number per queue in state.
 */
public final class WaitChanges
    extends KeyedProcessFunction<TenantKey, QueueSnapshot, QueueSnapshot> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<Long> last;

  @Override
  public void open(OpenContext openContext) {
    last = getRuntimeContext().getState(new ValueStateDescriptor<>("last-wait-s", Types.LONG));
  }

  @Override
  public void processElement(QueueSnapshot s, Context ctx, Collector<QueueSnapshot> out)
      throws Exception {
    long seconds = seconds(s);
    Long before = last.value();
    if (before == null || before != seconds) {
      last.update(seconds);
      out.collect(s);
    }
  }

  /** The estimate in whole seconds; -1 for no telling. */
  static long seconds(QueueSnapshot s) {
    return s.estimatedWaitMs < 0 ? -1 : Math.round(s.estimatedWaitMs / 1000.0);
  }
}
