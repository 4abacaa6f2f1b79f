package io.ccpulse.pipeline.source;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The arrays in which keyed operators hold what waits for its time (a contact's events, an agent's
 * inputs): kept in time order as they come, so the first is what is due first.
 */
public final class TimeOrder {
  private TimeOrder() {}

  /**
   * {@code into} (in time order) with {@code item} after every element at its time or earlier: one
   * instant's keep the order they came in. A new array; {@code into} is left as it was.
   */
  public static <T> T[] insert(T[] into, T item, ToLongFunction<? super T> time) {
    long at = time.applyAsLong(item);
    int i = into.length;
    while (i > 0 && time.applyAsLong(into[i - 1]) > at) {
      i--;
    }
    T[] more = Arrays.copyOf(into, into.length + 1);
    System.arraycopy(into, i, more, i + 1, into.length - i);
    more[i] = item;
    return more;
  }
}
