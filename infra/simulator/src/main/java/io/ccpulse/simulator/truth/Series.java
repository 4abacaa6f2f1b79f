package io.ccpulse.simulator.truth;

import java.util.Arrays;

/**
 * One entity's buckets for one interval size, in start order: starts and figures in flat primitive
 * arrays. A day of one-minute intervals for thousands of agents is millions of buckets; objects per
 * bucket made the garbage collector the truth's main cost.
 */
final class Series {
  private final int width;
  private long[] starts = new long[8];
  private long[] values;
  private int size;

  Series(int width) {
    this.width = width;
    this.values = new long[8 * width];
  }

  /** The offset of the bucket starting at {@code start} in {@link #values()}, created if new. */
  int bucket(long start) {
    if (size > 0) {
      long last = starts[size - 1];
      if (last == start) {
        return (size - 1) * width;
      }
      if (last > start) {
        return older(start);
      }
    }
    return insert(size, start);
  }

  private int older(long start) {
    int i = Arrays.binarySearch(starts, 0, size, start);
    return i >= 0 ? i * width : insert(-i - 1, start);
  }

  private int insert(int at, long start) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      values = Arrays.copyOf(values, size * 2 * width);
    }
    System.arraycopy(starts, at, starts, at + 1, size - at);
    System.arraycopy(values, at * width, values, (at + 1) * width, (size - at) * width);
    starts[at] = start;
    Arrays.fill(values, at * width, (at + 1) * width, 0);
    size++;
    return at * width;
  }

  long[] values() {
    return values;
  }

  int size() {
    return size;
  }

  long start(int i) {
    return starts[i];
  }

  /** The figures of bucket {@code i}. */
  long[] figures(int i) {
    return Arrays.copyOfRange(values, i * width, (i + 1) * width);
  }

  boolean hasData(int i) {
    for (int k = i * width; k < (i + 1) * width; k++) {
      if (values[k] != 0) {
        return true;
      }
    }
    return false;
  }
}
