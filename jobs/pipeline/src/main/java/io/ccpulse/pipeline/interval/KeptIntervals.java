package io.ccpulse.pipeline.interval;

import java.util.Arrays;

/**
 * What the interval windows keep for one entity, in one keyed state: its intervals still open or
 * within the allowed lateness, oldest first, each with its figures, the version it was last emitted
 * with (0: not yet) and whether it changed since, and the one timer set for whatever is due first.
 * Where Flink's window operator kept a state and two timers (the firing, the cleanup) per entity
 * and interval. A Flink POJO.
 */
public class KeptIntervals {
  public static final long NONE = Long.MIN_VALUE;

  /** Each interval's first millisecond, ascending. */
  public long[] starts = new long[0];

  public IntervalFigures[] figures = new IntervalFigures[0];

  /** The version of each interval's last row; 0 before its first. */
  public long[] versions = new long[0];

  /** Whether each interval's figures changed since its last row (or it has had none). */
  public boolean[] pending = new boolean[0];

  /** The instant the timer was last set for; {@link #NONE} if none is. */
  public long timerAt = NONE;

  public KeptIntervals() {}

  /** The index of the interval starting at {@code start}, made empty if new. */
  int interval(long start) {
    int i = Arrays.binarySearch(starts, start);
    if (i >= 0) {
      return i;
    }
    i = -i - 1;
    int n = starts.length;
    long[] s = Arrays.copyOf(starts, n + 1);
    IntervalFigures[] f = Arrays.copyOf(figures, n + 1);
    long[] v = Arrays.copyOf(versions, n + 1);
    boolean[] p = Arrays.copyOf(pending, n + 1);
    System.arraycopy(starts, i, s, i + 1, n - i);
    System.arraycopy(figures, i, f, i + 1, n - i);
    System.arraycopy(versions, i, v, i + 1, n - i);
    System.arraycopy(pending, i, p, i + 1, n - i);
    s[i] = start;
    f[i] = new IntervalFigures();
    v[i] = 0;
    p[i] = false;
    starts = s;
    figures = f;
    versions = v;
    pending = p;
    return i;
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
   * When interval {@code i} is next due: its end's last millisecond while it has figures not sent,
   * else that plus the allowed lateness, when it is forgotten.
   */
  long dueAt(int i, long sizeMs, long latenessMs) {
    long last = starts[i] + sizeMs - 1;
    return pending[i] ? last : last + latenessMs;
  }

  /** The first instant anything is due; {@link #NONE} with nothing kept. */
  long firstDue(long sizeMs, long latenessMs) {
    long first = NONE;
    for (int i = 0; i < starts.length; i++) {
      long due = dueAt(i, sizeMs, latenessMs);
      if (first == NONE || due < first) {
        first = due;
      }
    }
    return first;
  }

  /** Forgets the intervals whose lateness has passed at {@code time}. */
  void forgetUpTo(long time, long sizeMs, long latenessMs) {
    int kept = 0;
    for (int i = 0; i < starts.length; i++) {
      if (pending[i] || starts[i] + sizeMs - 1 + latenessMs > time) {
        starts[kept] = starts[i];
        figures[kept] = figures[i];
        versions[kept] = versions[i];
        pending[kept] = pending[i];
        kept++;
      }
    }
    if (kept < starts.length) {
      starts = Arrays.copyOf(starts, kept);
      figures = Arrays.copyOf(figures, kept);
      versions = Arrays.copyOf(versions, kept);
      pending = Arrays.copyOf(pending, kept);
    }
  }

  boolean isEmpty() {
    return starts.length == 0;
  }
}
