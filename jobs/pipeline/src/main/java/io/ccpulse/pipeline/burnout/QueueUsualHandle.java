package io.ccpulse.pipeline.burnout;

import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by queue: stamps each completed leg with the queue's usual handle time so far (mean over
 * the trailing baseline period, all agents), so the agent stage can tell a contact far above its
 * queue's usual. Hour buckets in state, expired by TTL and pruned as time moves on; a retracted leg
 * is subtracted again. A queue's usual is known from {@link #MIN_LEGS} legs.
 */
public final class QueueUsualHandle
    extends KeyedProcessFunction<TenantKey, BurnoutInput, BurnoutInput> {
  private static final long serialVersionUID = 1L;

  /** Legs a queue needs before its mean is taken as its usual. */
  public static final long MIN_LEGS = 20;

  private static final long HOUR = 3_600_000;

  private final long baselineMs;
  private transient MapState<Long, long[]> hours;

  public QueueUsualHandle(Duration baseline) {
    this.baselineMs = baseline.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    MapStateDescriptor<Long, long[]> d =
        new MapStateDescriptor<>(
            "queue-handle-hours",
            Types.LONG,
            org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                .LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(baselineMs + HOUR)).build());
    hours = getRuntimeContext().getMapState(d);
  }

  @Override
  public void processElement(BurnoutInput leg, Context ctx, Collector<BurnoutInput> out)
      throws Exception {
    long[] sum = trailing(leg.at);
    // A retraction gets the usual as it is now: close to what its leg saw, so a long leg taken back
    // after it counted is judged (and uncounted) the same way.
    leg.queueUsualMs = sum[1] >= MIN_LEGS ? sum[0] / sum[1] : 0;
    long hour = Math.floorDiv(leg.at, HOUR) * HOUR;
    long[] bucket = hours.get(hour);
    bucket = bucket == null ? new long[2] : bucket;
    bucket[0] += leg.sign * leg.handleMs;
    bucket[1] += leg.sign;
    hours.put(hour, bucket);
    out.collect(leg);
  }

  /**
   * Σ handle and legs over the hours within the baseline period before {@code now}; older hours are
   * dropped (the TTL catches a queue that falls silent). At most one entry per hour of the period.
   */
  private long[] trailing(long now) throws Exception {
    long[] sum = new long[2];
    List<Long> old = new ArrayList<>();
    for (Map.Entry<Long, long[]> e : hours.entries()) {
      if (e.getKey() + HOUR <= now - baselineMs) {
        old.add(e.getKey());
      } else {
        sum[0] += e.getValue()[0];
        sum[1] += e.getValue()[1];
      }
    }
    for (Long k : old) {
      hours.remove(k);
    }
    return sum;
  }
}
