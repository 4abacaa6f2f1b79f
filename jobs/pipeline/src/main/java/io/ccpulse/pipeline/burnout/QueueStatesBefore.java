package io.ccpulse.pipeline.burnout;

import io.ccpulse.pipeline.source.TimeOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The states in which releases before {@link KeptQueue} kept a queue's usual handle time: the hour
 * buckets (with their TTL) and the legs waiting, each its own. Still declared, so a savepoint of
 * such a release restores: a queue found there is moved into the one state the first time its key
 * is seen again (by a leg, or by one of its old timers, which stay set and fire).
 */
final class QueueStatesBefore {
  final MapState<Long, long[]> hours;
  final MapState<Long, BurnoutInput[]> pending;

  QueueStatesBefore(RuntimeContext context, long hoursTtlMs) {
    MapStateDescriptor<Long, long[]> d =
        new MapStateDescriptor<>(
            "queue-handle-hours",
            Types.LONG,
            PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(hoursTtlMs)).build());
    hours = context.getMapState(d);
    pending =
        context.getMapState(
            new MapStateDescriptor<>(
                "queue-legs-waiting",
                Types.LONG,
                Types.OBJECT_ARRAY(TypeInformation.of(BurnoutInput.class))));
  }

  /** The current key's queue as the old states kept it, which are then cleared; null if none. */
  KeptQueue take() throws Exception {
    TreeMap<Long, long[]> buckets = TimeOrder.byTime(hours);
    TreeMap<Long, BurnoutInput[]> byTime = TimeOrder.byTime(pending);
    if (buckets.isEmpty() && byTime.isEmpty()) {
      return null;
    }
    KeptQueue q = new KeptQueue();
    q.hours = buckets.keySet().stream().mapToLong(Long::longValue).toArray();
    q.handleMs = buckets.values().stream().mapToLong(b -> b[0]).toArray();
    q.legs = buckets.values().stream().mapToLong(b -> b[1]).toArray();
    q.totalHandleMs = Arrays.stream(q.handleMs).sum();
    q.totalLegs = Arrays.stream(q.legs).sum();
    q.waiting = TimeOrder.concat(byTime.values(), Waiting.NONE);
    hours.clear();
    pending.clear();
    return q;
  }
}
