package io.ccpulse.pipeline.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.TimerService;

/**
 * Hands a keyed operator its inputs in event-time order, as early as that order is safe.
 *
 * <p>The <em>event-time edge</em> is the latest event time every input partition has shown: the
 * sources' watermark is a partition's latest event time minus the out-of-orderness bound (and 1
 * ms), so the edge is the watermark plus the bound. An input at or behind it is due. That keeps a
 * topic read ahead of another (a replay) from putting an agent's logout before the contacts that
 * came before it.
 *
 * <p>Live, a partition that rarely has events (agent states) would hold that edge back until it is
 * declared idle. So an input stamped near the wall clock (within {@code liveWindow}) is also due
 * once the wall clock is {@code hold} past its event time: enough for the other topics' events of
 * the same moment to have arrived. A straggler behind either edge is handed over at once.
 *
 * <p>One event-time timer per key, at the earliest input held, not one per input: a replay holds
 * dozens of inputs per key between two watermarks, and each timer costs the timer queue, a state
 * look-up and a place in every checkpoint. The operator releases everything the edge has passed
 * when any of its timers fires ({@link #releaseUpTo}, in event-time order, interleaved with its own
 * moments: cadence steps, silences), which is the order one timer per input gave.
 */
final class LiveEdge<T> {
  private final long boundMs;
  private final long holdMs;
  private final long liveWindowMs;
  private final MapState<Long, List<T>> held;

  /** The earliest event time held, with an event-time timer at it; null when nothing is held. */
  private final ValueState<Long> earliest;

  LiveEdge(
      RuntimeContext runtime,
      String name,
      Class<T> type,
      long boundMs,
      long holdMs,
      long liveWindowMs) {
    this.boundMs = boundMs;
    this.holdMs = holdMs;
    this.liveWindowMs = liveWindowMs;
    this.held =
        runtime.getMapState(new MapStateDescriptor<>(name, Types.LONG, new ListTypeInfo<>(type)));
    this.earliest = runtime.getState(new ValueStateDescriptor<>(name + "-earliest", Types.LONG));
  }

  /** The event-time edge for a watermark. */
  long now(long watermark) {
    return watermark == Long.MAX_VALUE || watermark == Long.MIN_VALUE
        ? watermark
        : watermark + boundMs + 1;
  }

  /**
   * The watermark at which the event-time edge reaches {@code at}: register an event-time timer
   * there.
   */
  long timerFor(long at) {
    return at - boundMs - 1;
  }

  /** Stamped near the wall clock: live traffic, not a replay. */
  boolean live(long at, long wall) {
    return Math.abs(at - wall) <= liveWindowMs;
  }

  /** The processing time at which a live moment {@code at} is due. */
  long wallTimerFor(long at, long wall) {
    return Math.max(wall, at + holdMs);
  }

  /** The latest event time due by the wall clock at {@code wall}. */
  long dueByWall(long wall) {
    return wall - holdMs;
  }

  /** True when {@code at} is due now (use the input); otherwise it is held and timers are set. */
  boolean due(T input, long at, TimerService timers) throws Exception {
    long wall = timers.currentProcessingTime();
    if (at <= now(timers.currentWatermark()) || (live(at, wall) && at <= dueByWall(wall))) {
      return true;
    }
    List<T> same = held.get(at);
    if (same == null) {
      same = new ArrayList<>(1);
      Long first = earliest();
      if (first == null || at < first) {
        timers.registerEventTimeTimer(timerFor(at));
        earliest.update(at);
      }
      if (live(at, wall)) {
        timers.registerProcessingTimeTimer(wallTimerFor(at, wall));
      }
    }
    same.add(input);
    held.put(at, same);
    return false;
  }

  /**
   * Every input held with an event time up to {@code upTo}, in event-time order; removed. The timer
   * moves to the earliest input left, so it fires once the edge reaches that one.
   */
  List<T> releaseUpTo(long upTo, TimerService timers) throws Exception {
    Long first = earliest();
    if (first == null || first > upTo) {
      return List.of();
    }
    List<Long> times = new ArrayList<>();
    long left = Long.MAX_VALUE;
    for (Map.Entry<Long, List<T>> e : held.entries()) {
      if (e.getKey() <= upTo) {
        times.add(e.getKey());
      } else {
        left = Math.min(left, e.getKey());
      }
    }
    times.sort(null);
    List<T> due = new ArrayList<>();
    for (Long t : times) {
      due.addAll(held.get(t));
      held.remove(t);
    }
    if (left == Long.MAX_VALUE) {
      earliest.clear();
    } else {
      timers.registerEventTimeTimer(timerFor(left));
      earliest.update(left);
    }
    return due;
  }

  /**
   * The earliest event time held, or null. State checkpointed before it was kept holds inputs
   * without it: then it is found among them.
   */
  private Long earliest() throws Exception {
    Long first = earliest.value();
    if (first == null && !held.isEmpty()) {
      for (Long at : held.keys()) {
        first = first == null ? at : Math.min(first, at);
      }
      earliest.update(first);
    }
    return first;
  }

  /** Inputs are held for the event-time timer at {@code timer}. */
  boolean holdsFor(long timer) throws Exception {
    Long first = earliest();
    return first != null && first == timer + boundMs + 1;
  }

  boolean isEmpty() throws Exception {
    return held.isEmpty();
  }
}
