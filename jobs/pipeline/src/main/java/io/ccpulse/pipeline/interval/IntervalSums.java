package io.ccpulse.pipeline.interval;

import io.ccpulse.pipeline.contact.ContactFact;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums the facts per entity and interval of one size before they are sent to the interval windows,
 * which would otherwise get a record for each fact and entity it counts for (two or three), each
 * sent over the network and added with two timer registrations; summed, they get about one per
 * entity and interval. A sum goes on when the watermark passes its interval's end (before the
 * watermark itself, so the window fires with it, as it would have with the facts), at a checkpoint
 * (so it keeps no state: what it holds is in the windows' state by then) and at the end of the
 * input. A fact whose interval had already closed here goes on alone at once, with the fact: the
 * window fires a correction for it, or, past the allowed lateness, rejects it by name. Exact: the
 * windows add the sums as they added the facts ({@link IntervalFigures#merge}), every figure a sum
 * or a maximum.
 */
public final class IntervalSums extends AbstractStreamOperator<EntityFigures>
    implements OneInputStreamOperator<ContactFact, EntityFigures> {
  private static final long serialVersionUID = 1L;

  private final long sizeMs;
  private final boolean agents;
  private final Thresholds thresholds;

  /** The sums being made, by their interval's last millisecond. */
  private transient NavigableMap<Long, Map<IntervalKey, EntityFigures>> open;

  private transient long watermark;

  /** {@code agents}: whether agents have rows at this size. */
  public IntervalSums(Duration size, boolean agents, Thresholds thresholds) {
    this.sizeMs = size.toMillis();
    this.agents = agents;
    this.thresholds = thresholds;
  }

  @Override
  public void open() throws Exception {
    super.open();
    open = new TreeMap<>();
    watermark = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<ContactFact> record) {
    ContactFact fact = record.getValue();
    long start = TimeWindow.getWindowStartWithOffset(fact.at, 0, sizeMs);
    long last = start + sizeMs - 1;
    if (last > watermark) {
      Map<IntervalKey, EntityFigures> sums = open.computeIfAbsent(last, l -> new HashMap<>());
      Entities.each(
          fact,
          agents,
          key ->
              sums.computeIfAbsent(key, k -> EntityFigures.of(k, start))
                  .figures
                  .add(fact, thresholds));
      return;
    }
    Entities.each(
        fact,
        agents,
        key -> {
          EntityFigures alone = EntityFigures.of(key, start);
          alone.figures.add(fact, thresholds);
          alone.fact = fact;
          output.collect(
              record.hasTimestamp()
                  ? new StreamRecord<>(alone, record.getTimestamp())
                  : new StreamRecord<>(alone));
        });
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
  private void send(NavigableMap<Long, Map<IntervalKey, EntityFigures>> intervals) {
    intervals.forEach(
        (last, sums) -> {
          for (EntityFigures sum : sums.values()) {
            output.collect(new StreamRecord<>(sum, last));
          }
        });
    intervals.clear();
  }
}
