package io.ccpulse.simulator.engine;

import java.util.Arrays;

/**
 * The discrete-event agenda: actions ordered by time, ties in the order they were scheduled (so a
 * run is deterministic). A binary heap on parallel arrays: the engine's hottest structure.
 */
final class Timeline {
  private long[] times = new long[1024];
  private long[] seqs = new long[1024];
  private Runnable[] actions = new Runnable[1024];
  private int size;
  private long nextSeq;
  private long now = Long.MIN_VALUE;

  /** The time of the action being run. */
  long now() {
    return now;
  }

  void at(long time, Runnable action) {
    if (time < now) {
      throw new IllegalStateException("cannot schedule in the past: " + time + " < " + now);
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      seqs = Arrays.copyOf(seqs, size * 2);
      actions = Arrays.copyOf(actions, size * 2);
    }
    int i = size++;
    long seq = nextSeq++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(time, seq, times[parent], seqs[parent])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    actions[i] = action;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The time of the next action (only if not empty). */
  long peekTime() {
    return times[0];
  }

  /** Removes the next action, advances the clock to its time and returns it. */
  Runnable poll() {
    Runnable head = actions[0];
    now = times[0];
    size--;
    long t = times[size];
    long s = seqs[size];
    Runnable a = actions[size];
    actions[size] = null;
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size
          && before(times[child + 1], seqs[child + 1], times[child], seqs[child])) {
        child++;
      }
      if (!before(times[child], seqs[child], t, s)) {
        break;
      }
      move(child, i);
      i = child;
    }
    if (size > 0) {
      times[i] = t;
      seqs[i] = s;
      actions[i] = a;
    }
    return head;
  }

  private void move(int from, int to) {
    times[to] = times[from];
    seqs[to] = seqs[from];
    actions[to] = actions[from];
  }

  private static boolean before(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }
}
