package io.ccpulse.pipeline.sums;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums records per key and interval before they are sent to keyed interval windows, which would
 * otherwise get each record over the network and add it with a state look-up and a timer; summed,
 * they get about one record per key and interval. A sum goes on when the watermark passes its
 * interval's end (before the watermark itself, so the window fires with it, as it would have with
 * the records), at a checkpoint (so it keeps no state: what it holds is in the windows' state by
 * then) and at the end of the input. A record whose interval had already closed here goes on alone
 * at once: the window fires a correction for it, or, past the allowed lateness, rejects it. Exact
 * where the window adds a sum as it added the records (sums and maximums).
 *
 * @param <K> what a sum is kept by within an interval (the window's key)
 * @param <S> a sum, what the window adds
 */
public abstract class SumsBeforeWindows<IN, K, S> extends AbstractStreamOperator<S>
    implements OneInputStreamOperator<IN, S> {
  private static final long serialVersionUID = 1L;

  private final long sizeMs;

  /** The sums being made, by their interval's last millisecond. */
  private transient NavigableMap<Long, Map<K, S>> open;

  private transient long watermark;

  protected SumsBeforeWindows(Duration size) {
    this.sizeMs = size.toMillis();
  }

  /** The record's event time, epoch ms. */
  protected abstract long at(IN in);

  /** A new, empty sum of {@code key} for the interval starting at {@code intervalStart}. */
  protected abstract S sum(K key, long intervalStart);

  /** Adds the record to the sums it counts in: {@code sums} gives a key's sum, made if new. */
  protected abstract void add(IN in, Function<K, S> sums);

  /** The record alone, in an interval already closed here: each sum it makes, to {@code out}. */
  protected abstract void alone(IN in, long intervalStart, Consumer<S> out);

  @Override
  public void open() throws Exception {
    super.open();
    open = new TreeMap<>();
    watermark = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<IN> record) {
    IN in = record.getValue();
    long start = TimeWindow.getWindowStartWithOffset(at(in), 0, sizeMs);
    long last = start + sizeMs - 1;
    if (last > watermark) {
      Map<K, S> sums = open.computeIfAbsent(last, l -> new HashMap<>());
      add(in, key -> sums.computeIfAbsent(key, k -> sum(k, start)));
      return;
    }
    // Stamped with its interval's last millisecond, as a sum is: a window judges a record too late
    // for its side output by the record's time, and one stamped later than its interval (a
    // retraction sent long after the fact) would be dropped there unnamed.
    alone(in, start, s -> output.collect(new StreamRecord<>(s, last)));
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    watermark = mark.getTimestamp();
    send(open.headMap(watermark, true));
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    send(open);
  }

  @Override
  public void finish() throws Exception {
    send(open);
    super.finish();
  }

  /** Sends on the sums of {@code intervals} (a view of {@link #open}) and forgets them. */
  private void send(NavigableMap<Long, Map<K, S>> intervals) {
    intervals.forEach(
        (last, sums) -> {
          for (S sum : sums.values()) {
            output.collect(new StreamRecord<>(sum, last));
          }
        });
    intervals.clear();
  }
}
