package io.ccpulse.pipeline.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.MapState;

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

  /**
   * A map state's entries in time order: how the releases before one state per key kept what waited
   * (by its time), read when such a key is moved into the one state.
   */
  public static <V> TreeMap<Long, V> byTime(MapState<Long, V> state) throws Exception {
    TreeMap<Long, V> sorted = new TreeMap<>();
    for (Map.Entry<Long, V> e : state.entries()) {
      sorted.put(e.getKey(), e.getValue());
    }
    return sorted;
  }

  /** The elements of {@code arrays}, one array after the other, in an array like {@code none}. */
  public static <T> T[] concat(Collection<T[]> arrays, T[] none) {
    List<T> all = new ArrayList<>();
    arrays.forEach(a -> all.addAll(Arrays.asList(a)));
    return all.toArray(none);
  }
}
