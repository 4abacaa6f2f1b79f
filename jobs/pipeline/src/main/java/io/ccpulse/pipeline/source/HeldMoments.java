package io.ccpulse.pipeline.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * A keyed operator's inputs held by event time until its clock reaches them, with one event-time
 * timer per key at the earliest moment held, not one per moment.
 *
 * <p>A replay holds dozens of moments per key between two watermarks, and each timer costs the
 * timer queue an insert and a poll, a state look-up when it fires and a place in every checkpoint.
 * With one, the operator takes every moment its clock has passed whenever any of its timers fires
 * ({@link #dueMoments}), in event-time order, interleaved with its own moments (steps, interval
 * boundaries, silences) as a timer per moment fired them: all the timers up to a watermark fire
 * within the one call that advances it, with no input in between, so the order is all that counts.
 *
 * <p>The earliest moment is keyed state, checkpointed with the inputs (the timer is Flink's). State
 * checkpointed by a build with a timer per moment has no earliest, and a timer for each moment: the
 * earliest is then found among the moments held. A timer set for an earliest moment that an earlier
 * one then undercut is left to fire (it may be one the operator set for a moment of its own): it
 * takes whatever is due by then.
 *
 * @param <V> what is held for one moment (the inputs of that moment, in arrival order)
 */
public final class HeldMoments<V> {
  private final MapState<Long, V> held;
  private final ValueState<Long> earliest;
  private final long timerOffsetMs;

  /**
   * @param held the inputs by moment
   * @param earliest the earliest moment held (null when none)
   * @param timerOffsetMs the timer for a moment is at moment + this (the watermark at which the
   *     operator's clock reaches it)
   */
  public HeldMoments(MapState<Long, V> held, ValueState<Long> earliest, long timerOffsetMs) {
    this.held = held;
    this.earliest = earliest;
    this.timerOffsetMs = timerOffsetMs;
  }

  /** What is held for {@code at}, or null. */
  public V get(long at) throws Exception {
    return held.get(at);
  }

  /**
   * Holds {@code inputs} for {@code at} (replacing what was); the timer moves if it is earliest.
   */
  public void put(long at, V inputs, TimerService timers) throws Exception {
    Long first = earliest();
    if (first == null || at < first) {
      timers.registerEventTimeTimer(at + timerOffsetMs);
      earliest.update(at);
    }
    held.put(at, inputs);
  }

  /** Inputs are held for the moment {@code at}. */
  public boolean holds(long at) throws Exception {
    return held.contains(at);
  }

  public boolean isEmpty() throws Exception {
    return held.isEmpty();
  }

  /**
   * The moments held up to {@code upTo}, earliest first. The caller takes each in turn ({@link
   * #take}), interleaving its own moments; the timer moves now to the earliest moment left after
   * them, so it fires once the clock reaches that one.
   */
  public List<Long> dueMoments(long upTo, TimerService timers) throws Exception {
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
      timers.registerEventTimeTimer(left + timerOffsetMs);
      earliest.update(left);
    }
    return due;
  }

  /** The inputs held for {@code at} (one of {@link #dueMoments}), removed; null if none. */
  public V take(long at) throws Exception {
    V due = held.get(at);
    if (due != null) {
      held.remove(at);
    }
    return due;
  }

  /** The earliest moment held, or null; found among them in state kept without it. */
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
}
