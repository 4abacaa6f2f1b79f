package io.ccpulse.pipeline.interval;

import java.util.Arrays;

/**
 * What the interval windows keep for one entity, in one keyed state: its intervals still open or
 * within the allowed lateness, oldest first, each with its figures, the version it was last emitted
 * with (0: not yet) and whether it changed since, and the one timer set for whatever is due first.
 * Where Flink's window operator kept a state and two timers (the firing, the cleanup) per entity
 * and interval. A Flink POJO.
 *
 * <p>The first {@link #count} places of the arrays are used; they grow by doubling and are
 * compacted in place. A replay reads a day in seconds, so an entity gathers dozens of intervals
 * between two watermarks: copying the arrays for each interval made and forgotten cost more than
 * the timers it saved.
 */
public class KeptIntervals {
  public static final long NONE = Long.MIN_VALUE;

  public int count;

  /** Each interval's first millisecond, ascending. */
  public long[] starts = new long[2];

  public IntervalFigures[] figures = new IntervalFigures[2];

  /** The version of each interval's last row; 0 before its first. */
  public long[] versions = new long[2];

  /** Whether each interval's figures changed since its last row (or it has had none). */
  public boolean[] pending = new boolean[2];

  /** The instant the timer was last set for; {@link #NONE} if none is. */
  public long timerAt = NONE;

  public KeptIntervals() {}

  /** The index of the interval starting at {@code start}, made empty if new. */
  int interval(long start) {
    // Mostly the newest, or one just before it: searched from the end.
    int i = count - 1;
    while (i >= 0 && starts[i] > start) {
      i--;
    }
    if (i >= 0 && starts[i] == start) {
      return i;
    }
    int at = i + 1;
    if (count == starts.length) {
      int capacity = Math.max(2, count * 2);
      starts = Arrays.copyOf(starts, capacity);
      figures = Arrays.copyOf(figures, capacity);
      versions = Arrays.copyOf(versions, capacity);
      pending = Arrays.copyOf(pending, capacity);
    }
    System.arraycopy(starts, at, starts, at + 1, count - at);
    System.arraycopy(figures, at, figures, at + 1, count - at);
    System.arraycopy(versions, at, versions, at + 1, count - at);
    System.arraycopy(pending, at, pending, at + 1, count - at);
    starts[at] = start;
    figures[at] = new IntervalFigures();
    versions[at] = 0;
    pending[at] = false;
    count++;
    return at;
  }

  /**
   * The version for a row of interval {@code i} emitted at wall time {@code now}: the wall clock,
   * so a later emission (a late correction, a rerun) replaces an earlier one in ClickHouse, kept
   * strictly increasing for two emissions within one millisecond. Recorded as the interval's, which
   * is then no longer pending.
   */
  long version(int i, long now) {
    long v = versions[i] == 0 ? now : Math.max(now, versions[i] + 1);
    versions[i] = v;
    pending[i] = false;
    return v;
  }

  /**
   * The first instant anything is due, {@link #NONE} with nothing kept: the end (last millisecond)
   * of the oldest interval with figures not sent, or the oldest sent one's end plus the lateness,
   * when it is forgotten. Both are the first of their kind, the intervals being in order.
   */
  long firstDue(long sizeMs, long latenessMs) {
    long first = NONE;
    boolean sent = false;
    boolean unsent = false;
    for (int i = 0; i < count && !(sent && unsent); i++) {
      long last = starts[i] + sizeMs - 1;
      long due;
      if (pending[i]) {
        if (unsent) {
          continue;
        }
        unsent = true;
        due = last;
      } else {
        if (sent) {
          continue;
        }
        sent = true;
        due = last + latenessMs;
      }
      if (first == NONE || due < first) {
        first = due;
      }
    }
    return first;
  }

  /** Forgets the intervals sent whose lateness has passed at {@code time}. */
  void forgetUpTo(long time, long sizeMs, long latenessMs) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (pending[i] || starts[i] + sizeMs - 1 + latenessMs > time) {
        if (kept != i) {
          starts[kept] = starts[i];
          figures[kept] = figures[i];
          versions[kept] = versions[i];
          pending[kept] = pending[i];
        }
        kept++;
      }
    }
    Arrays.fill(figures, kept, count, null);
    count = kept;
  }

  boolean isEmpty() {
    return count == 0;
  }
}
