package io.ccpulse.pipeline.queue;

import java.util.Arrays;

/**
 * Small sets and lists of ids kept as arrays, so the live view's state needs no generic serializer.
 */
final class Ids {
  private Ids() {}

  static int indexOf(String[] ids, String id) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i].equals(id)) {
        return i;
      }
    }
    return -1;
  }

  static boolean contains(String[] ids, String id) {
    return indexOf(ids, id) >= 0;
  }

  static <T> T[] plus(T[] values, T v) {
    T[] more = Arrays.copyOf(values, values.length + 1);
    more[values.length] = v;
    return more;
  }

  static String[] minus(String[] ids, String id) {
    return Arrays.stream(ids).filter(s -> !s.equals(id)).toArray(String[]::new);
  }

  /** The array without its element at {@code i}. */
  static <T> T[] without(T[] values, int i) {
    T[] out = Arrays.copyOf(values, values.length - 1);
    System.arraycopy(values, i + 1, out, i, values.length - i - 1);
    return out;
  }

  static long[] without(long[] values, int i) {
    long[] out = Arrays.copyOf(values, values.length - 1);
    System.arraycopy(values, i + 1, out, i, values.length - i - 1);
    return out;
  }
}
