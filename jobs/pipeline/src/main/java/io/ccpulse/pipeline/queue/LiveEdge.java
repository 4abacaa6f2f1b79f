package io.ccpulse.pipeline.queue;

import io.ccpulse.pipeline.source.HeldMoments;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
 * <p>One event-time timer per key, at the earliest input held, not one per input ({@link
 * HeldMoments}): when any of its timers fires, the operator takes every moment the edge has passed
 * ({@link #dueMoments}), in event-time order, interleaved with its own moments (cadence steps,
 * silences), which is the order one timer per input gave.
 */
final class LiveEdge<T> {
  private final long boundMs;
  private final long holdMs;
  private final long liveWindowMs;
  private final HeldMoments<List<T>> held;

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
        new HeldMoments<>(
            runtime.getMapState(
                new MapStateDescriptor<>(name, Types.LONG, new ListTypeInfo<>(type))),
            runtime.getState(new ValueStateDescriptor<>(name + "-earliest", Types.LONG)),
            -boundMs); // the watermark at which the edge reaches a moment: timerFor
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
      if (live(at, wall)) {
        timers.registerProcessingTimeTimer(wallTimerFor(at, wall));
      }
    }
    same.add(input);
    held.put(at, same, timers);
    return false;
  }

  /**
   * The moments held up to {@code upTo}, earliest first, each to be taken in turn ({@link #take});
   * the event-time timer moves to the earliest moment left after them.
   */
  List<Long> dueMoments(long upTo, TimerService timers) throws Exception {
    return held.dueMoments(upTo, timers);
  }

  /** The inputs held for the moment {@code at} (one of {@link #dueMoments}), in arrival order. */
  List<T> take(long at) throws Exception {
    List<T> due = held.take(at);
    return due == null ? List.of() : due;
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
   * Inputs are held for the event-time timer at {@code timer}: the earliest (the one with the
   * timer), or any of them in state checkpointed with a timer per input.
   */
  boolean holdsFor(long timer) throws Exception {
    return held.holds(timer + boundMs);
  }

  boolean isEmpty() throws Exception {
    return held.isEmpty();
  }
}
