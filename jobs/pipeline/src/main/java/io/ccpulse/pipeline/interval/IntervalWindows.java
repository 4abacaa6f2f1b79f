package io.ccpulse.pipeline.interval;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Tumbling event-time windows of one size for the interval figures, keyed by entity ({@link
 * IntervalKey}) and placed by the facts' own time ({@link EntityFigures#intervalStart}): a
 * retraction emitted now lands in the interval of the fact it takes back. An interval's row goes
 * out when the watermark passes its end; a sum that comes later, within the allowed lateness, adds
 * to it and sends the corrected row with a higher version (at once, or when the watermark passes
 * the end, after a restore has set it back); later than that it goes to {@link
 * IntervalMetrics#TOO_LATE}, named, never dropped.
 *
 * <p>What Flink's window operator did, with one state ({@link KeptIntervals}) and one timer per
 * entity instead of a state, a version state and two timers per entity and interval (its timer heap
 * took a third of the windows' time); fed by {@link EntityFiguresSerializer}. A savepoint of that
 * operator restores into this one ({@link WindowStatesBefore}).
 */
public final class IntervalWindows extends AbstractStreamOperator<IntervalRow>
    implements OneInputStreamOperator<EntityFigures, IntervalRow>,
        Triggerable<IntervalKey, VoidNamespace> {
  private static final long serialVersionUID = 1L;

  private final long sizeMs;
  private final long latenessMs;

  private transient ValueState<KeptIntervals> kept;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient boolean restored;

  public IntervalWindows(Duration size, Duration allowedLateness) {
    this.sizeMs = size.toMillis();
    this.latenessMs = allowedLateness.toMillis();
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    restored = context.isRestored();
  }

  @Override
  public void open() throws Exception {
    super.open();
    kept =
        getPartitionedState(
            new ValueStateDescriptor<>("kept-intervals", TypeInformation.of(KeptIntervals.class)));
    timers = getInternalTimerService("interval-timers", VoidNamespaceSerializer.INSTANCE, this);
    if (restored) {
      WindowStatesBefore.moveAll(
          this,
          (start, figures, version) -> {
            KeptIntervals k = current();
            int i = k.interval(start);
            k.figures[i].merge(figures);
            k.versions[i] = Math.max(k.versions[i], version);
            k.pending[i] = k.versions[i] == 0;
            keep(k);
          });
    }
  }

  @Override
  public void processElement(StreamRecord<EntityFigures> record) throws Exception {
    EntityFigures e = record.getValue();
    long start = TimeWindow.getWindowStartWithOffset(e.intervalStart, 0, sizeMs);
    long last = start + sizeMs - 1;
    long watermark = timers.currentWatermark();
    if (last + latenessMs <= watermark) {
      output.collect(IntervalMetrics.TOO_LATE, record);
      return;
    }
    KeptIntervals k = current();
    int i = k.interval(start);
    if (k.versions[i] != 0) { // its figures went out in a row the writer may still hold
      k.figures[i] = k.figures[i].copy();
    }
    k.figures[i].merge(e.figures);
    k.pending[i] = true;
    if (last <= watermark) {
      emit(k, i); // a correction within the lateness: at once
    }
    keep(k);
  }

  @Override
  public void onEventTime(InternalTimer<IntervalKey, VoidNamespace> timer) throws Exception {
    KeptIntervals k = kept.value();
    if (k == null) {
      return;
    }
    long time = timer.getTimestamp();
    if (k.timerAt == time) {
      k.timerAt = KeptIntervals.NONE; // fired, and gone from the timers
    }
    for (int i = 0; i < k.count; i++) {
      if (k.pending[i] && k.starts[i] + sizeMs - 1 <= time) {
        emit(k, i);
      }
    }
    k.forgetUpTo(time, sizeMs, latenessMs);
    keep(k);
  }

  @Override
  public void onProcessingTime(InternalTimer<IntervalKey, VoidNamespace> timer) {}

  private KeptIntervals current() throws Exception {
    KeptIntervals k = kept.value();
    return k != null ? k : new KeptIntervals();
  }

  /** Stores {@code k} (or clears it, empty) with its one timer at what is due first. */
  private void keep(KeptIntervals k) throws Exception {
    long due = k.firstDue(sizeMs, latenessMs);
    if (due != k.timerAt) {
      if (k.timerAt != KeptIntervals.NONE) {
        timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, k.timerAt);
      }
      if (due != KeptIntervals.NONE) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, due);
      }
      k.timerAt = due;
    }
    if (k.isEmpty()) {
      kept.clear();
    } else {
      kept.update(k);
    }
  }

  private void emit(KeptIntervals k, int i) {
    IntervalKey key = (IntervalKey) getCurrentKey();
    IntervalRow row = new IntervalRow();
    row.tenantId = key.tenantId;
    row.kind = key.kind;
    row.entityId = key.entityId;
    row.channel = key.channel;
    // Not a copy: the writer, chained here, keeps the row until its batch goes, so a late sum
    // changes a copy of them (processElement); most intervals never get one.
    row.figures = k.figures[i];
    row.intervalStart = k.starts[i];
    row.intervalSizeSeconds = sizeMs / 1000;
    row.version = k.version(i, System.currentTimeMillis());
    output.collect(new StreamRecord<>(row, k.starts[i] + sizeMs - 1));
  }
}
