package io.ccpulse.pipeline.queue;

import java.util.ArrayList;
import java.util.List;
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
 * <p>The <em>event-time edge</em> is the latest moment no input can still come for: the sources'
 * watermark is a partition's latest event time minus the out-of-orderness bound and 1 ms, so the
 * watermark plus the bound is 1 ms before the latest event time every partition has shown. Not that
 * time itself: a partition may have more events of that very millisecond still to come (agents'
 * presence changes fall on whole minutes, as cadence steps do), and whether they came before the
 * watermark reached it depends on how the partitions' reads interleave. An input at or behind the
 * edge is due; a step at {@code t} is taken once the edge reaches {@code t}, after every input of
 * {@code t}. That keeps a topic read ahead of another (a replay) from putting an agent's logout
 * before the contacts that came before it, and a restored job from judging a step on fewer inputs
 * than the run before the crash did (or more).
 *
 * <p>Live, a partition that rarely has events (agent states) would hold that edge back until it is
 * declared idle. So an input stamped near the wall clock (within {@code liveWindow}) is also due
 * once the wall clock is {@code hold} past its event time: enough for the other topics' events of
 * the same moment to have arrived. A straggler behind either edge is handed over at once.
 *
 * <p>One event-time timer per key, at the earliest input held, not one per input: a replay holds
 * dozens of inputs per key between two watermarks, and each timer costs the timer queue, a state
 * look-up and a place in every checkpoint. The operator releases everything the edge has passed
 * when any of its timers fires ({@link #dueMoments}, in event-time order, interleaved with its own
 * moments: cadence steps, silences), which is the order one timer per input gave. A timer set for
 * an earliest input that an earlier one then undercut is left to fire (it may be one the operator
 * set for a moment of its own): it takes whatever is due by then.
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
        : watermark + boundMs;
  }

  /**
   * The watermark at which the event-time edge reaches {@code at}: register an event-time timer
   * there.
   */
  long timerFor(long at) {
    return at - boundMs;
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
   * The moments held up to {@code upTo}, earliest first. The caller takes each in turn ({@link
   * #take}), interleaving its own moments; the timer moves now to the earliest moment left after
   * them, so it fires once the edge reaches that one.
   */
  List<Long> dueMoments(long upTo, TimerService timers) throws Exception {
    Long first = earliest();
    if (first == null || first > upTo) {
      return List.of();
    }
    List<Long> due = new ArrayList<>();
    long left = Long.MAX_VALUE;
    for (Long at : held.keys()) {
      if (at <= upTo) {
        due.add(at);
      } else {
        left = Math.min(left, at);
      }
    }
    due.sort(null);
    if (left == Long.MAX_VALUE) {
      earliest.clear();
    } else {
      timers.registerEventTimeTimer(timerFor(left));
      earliest.update(left);
    }
    return due;
  }

  /** The inputs held for the moment {@code at} (one of {@link #dueMoments}), in arrival order. */
  List<T> take(long at) throws Exception {
    List<T> due = held.get(at);
    if (due == null) {
      return List.of();
    }
    held.remove(at);
    return due;
  }

  /** Every input held with an event time up to {@code upTo}, in event-time order; removed. */
  List<T> releaseUpTo(long upTo, TimerService timers) throws Exception {
    List<T> due = new ArrayList<>();
    for (long at : dueMoments(upTo, timers)) {
      due.addAll(take(at));
    }
    return due;
  }

  /**
   * The earliest event time held, or null. State checkpointed before it was kept holds inputs
   * without it (and a timer for each): then it is found among them.
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

  /**
   * Inputs are held for the event-time timer at {@code timer}: the earliest (the one with the
   * timer), or any of them in state checkpointed with a timer per input.
   */
  boolean holdsFor(long timer) throws Exception {
    return held.contains(timer + boundMs);
  }

  boolean isEmpty() throws Exception {
    return held.isEmpty();
  }
}
