package io.ccpulse.pipeline.burnout;

import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by queue: stamps each completed leg with the queue's usual handle time before it (mean over
 * the trailing baseline period, all agents, of the legs that ended strictly earlier), so the agent
 * stage can tell a contact far above its queue's usual. A queue's usual is known from {@link
 * #MIN_LEGS} legs.
 *
 * <p>Legs wait until the watermark is the allowed lateness past them, then are stamped in
 * event-time order, the legs of one instant together (none counts for another): by then every leg
 * that ended earlier and is not too late has arrived, whichever parallel task closed it and however
 * fast the partitions were read, so the stamp is the data's (docs/metrics.md §10). A retraction
 * that meets its leg still waiting cancels it; one that comes later is subtracted again. Hour
 * buckets in state, expired by TTL and pruned as time moves on.
 */
public final class QueueUsualHandle
    extends KeyedProcessFunction<TenantKey, BurnoutInput, BurnoutInput> {
  private static final long serialVersionUID = 1L;

  /** Legs a queue needs before its mean is taken as its usual. */
  public static final long MIN_LEGS = 20;

  private static final long HOUR = 3_600_000;

  private final long baselineMs;
  private final long latenessMs;
  private transient MapState<Long, long[]> hours;
  private transient MapState<Long, BurnoutInput[]> pending;

  public QueueUsualHandle(Duration baseline, Duration allowedLateness) {
    this.baselineMs = baseline.toMillis();
    this.latenessMs = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    MapStateDescriptor<Long, long[]> d =
        new MapStateDescriptor<>(
            "queue-handle-hours",
            Types.LONG,
            PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(baselineMs + HOUR)).build());
    hours = getRuntimeContext().getMapState(d);
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "queue-legs-waiting",
                    Types.LONG,
                    Types.OBJECT_ARRAY(TypeInformation.of(BurnoutInput.class))));
  }

  @Override
  public void processElement(BurnoutInput leg, Context ctx, Collector<BurnoutInput> out)
      throws Exception {
    if (leg.at + latenessMs > ctx.timerService().currentWatermark()) {
      hold(leg, ctx);
    } else {
      // Later than the allowed lateness (a retraction of a leg already stamped, usually): judged
      // now, against the queue as it is, rather than not at all.
      stamp(List.of(leg), leg.at, out);
    }
  }

  /** Holds a leg until the clock passes it; a retraction cancels its leg if still waiting. */
  private void hold(BurnoutInput leg, Context ctx) throws Exception {
    BurnoutInput[] waiting = pending.get(leg.at);
    List<BurnoutInput> list =
        waiting == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(waiting));
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).cancels(leg)) {
        list.remove(i);
        if (list.isEmpty()) {
          pending.remove(leg.at); // its timer fires to nothing
        } else {
          pending.put(leg.at, list.toArray(BurnoutInput[]::new));
        }
        return;
      }
    }
    list.add(leg);
    pending.put(leg.at, list.toArray(BurnoutInput[]::new));
    ctx.timerService().registerEventTimeTimer(leg.at + latenessMs);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<BurnoutInput> out)
      throws Exception {
    long at = timestamp - latenessMs;
    BurnoutInput[] due = pending.get(at);
    if (due != null) {
      pending.remove(at);
      Arrays.sort(due, BurnoutInput.ORDER); // emitted in an order of their own, not of arrival
      stamp(Arrays.asList(due), at, out);
    }
  }

  /** The legs of one instant: each stamped with the usual before it, then counted. */
  private void stamp(List<BurnoutInput> legs, long at, Collector<BurnoutInput> out)
      throws Exception {
    long[] sum = trailing(at);
    long usual = sum[1] >= MIN_LEGS ? sum[0] / sum[1] : 0;
    for (BurnoutInput leg : legs) {
      leg.queueUsualMs = usual;
      long hour = Math.floorDiv(leg.at, HOUR) * HOUR;
      long[] bucket = hours.get(hour);
      bucket = bucket == null ? new long[2] : bucket;
      bucket[0] += leg.sign * leg.handleMs;
      bucket[1] += leg.sign;
      hours.put(hour, bucket);
      out.collect(leg);
    }
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
