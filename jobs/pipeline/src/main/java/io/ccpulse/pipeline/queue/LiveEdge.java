package io.ccpulse.pipeline.queue;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.TimerService;

/**
 * Hands a keyed operator its inputs in event-time order as soon as every input partition has
 * reached them: the <em>live edge</em>, the latest event time the slowest partition has shown.
 *
 * <p>The sources' watermark is that partition's latest event time minus the out-of-orderness bound
 * (and 1 ms), so the live edge is the watermark plus the bound: no waiting for the bound itself, yet
 * a topic read ahead of another (a replay) cannot put an agent's logout before the contacts that
 * came before it. An input already behind the edge (a straggler) is handed over at once.
 */
final class LiveEdge<T> {
  private final long boundMs;
  private final MapState<Long, List<T>> held;

  LiveEdge(RuntimeContext runtime, String name, Class<T> type, long boundMs) {
    this.boundMs = boundMs;
    this.held = runtime.getMapState(new MapStateDescriptor<>(name, Types.LONG, new ListTypeInfo<>(type)));
  }

  /** The live edge for a watermark. */
  long now(long watermark) {
    return watermark == Long.MAX_VALUE || watermark == Long.MIN_VALUE ? watermark : watermark + boundMs + 1;
  }

  /** The watermark at which the live edge reaches {@code at}: register an event-time timer there. */
  long timerFor(long at) {
    return at - boundMs - 1;
  }

  /** True when {@code at} is at or behind the edge (use the input now); otherwise it is held. */
  boolean due(T input, long at, TimerService timers) throws Exception {
    if (at <= now(timers.currentWatermark())) {
      return true;
    }
    List<T> same = held.get(at);
    if (same == null) {
      same = new ArrayList<>(1);
      timers.registerEventTimeTimer(timerFor(at));
    }
    same.add(input);
    held.put(at, same);
    return false;
  }

  /** The inputs held for the timer that fired at {@code timer}, in arrival order; removed. */
  List<T> release(long timer) throws Exception {
    long at = timer + boundMs + 1;
    List<T> due = held.get(at);
    if (due == null) {
      return List.of();
    }
    held.remove(at);
    return due;
  }

  /** Inputs are held for the timer at {@code timer}. */
  boolean holdsFor(long timer) throws Exception {
    return held.contains(timer + boundMs + 1);
  }

  boolean isEmpty() throws Exception {
    return held.isEmpty();
  }
}
