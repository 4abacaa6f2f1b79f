package io.ccpulse.pipeline.interval;

import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The states in which releases before {@link IntervalWindows} kept the intervals: Flink's window
 * operator's, a figures state and a version state per entity and interval (namespaced by the
 * window), with a firing and a cleanup timer each. A savepoint of such a release restores: every
 * interval found there is moved into {@link KeptIntervals} when the operator opens, and the old
 * timers are let fire into nothing as the watermark passes them.
 */
final class WindowStatesBefore {
  /** Receives one interval of the current key as the old states had it. */
  interface Into {
    void accept(long start, IntervalFigures figures, long version) throws Exception;
  }

  private WindowStatesBefore() {}

  /** Moves every interval the old states hold into {@code into}, its key current, and clears it. */
  static void moveAll(AbstractStreamOperator<?> operator, Into into) throws Exception {
    TimeWindow.Serializer windowSerializer = new TimeWindow.Serializer();
    // The window operator's contents, as WindowedStream.aggregate declared them, and the version
    // of the window's last row, in the window's namespace.
    AggregatingStateDescriptor<EntityFigures, IntervalFigures, IntervalFigures> contentsState =
        new AggregatingStateDescriptor<>(
            "window-contents", new Sum(), TypeInformation.of(IntervalFigures.class));
    ValueStateDescriptor<Long> versionState =
        new ValueStateDescriptor<>("last-version", Types.LONG);
    TimeWindow any = new TimeWindow(0, 1);
    operator.getPartitionedState(
        any, windowSerializer, contentsState); // declared, so found when restored
    List<Tuple2<IntervalKey, TimeWindow>> windows;
    try (Stream<Tuple2<IntervalKey, TimeWindow>> all =
        operator
            .<IntervalKey>getKeyedStateBackend()
            .<TimeWindow>getKeysAndNamespaces(contentsState.getName())) {
      windows = all.toList(); // closed: on RocksDB it holds an iterator
    }
    for (Tuple2<IntervalKey, TimeWindow> w : windows) {
      operator.setCurrentKey(w.f0);
      AggregatingState<EntityFigures, IntervalFigures> contents =
          operator.getPartitionedState(w.f1, windowSerializer, contentsState);
      ValueState<Long> version = operator.getPartitionedState(w.f1, windowSerializer, versionState);
      IntervalFigures figures = contents.get();
      Long v = version.value();
      contents.clear();
      version.clear();
      if (figures != null) {
        into.accept(w.f1.getStart(), figures, v == null ? 0 : v);
      }
    }
    operator.getInternalTimerService("window-timers", windowSerializer, new Ignore());
  }

  /** The old timers: what they were for is in the new state, with its own timer. */
  private static final class Ignore implements Triggerable<IntervalKey, TimeWindow> {
    @Override
    public void onEventTime(InternalTimer<IntervalKey, TimeWindow> timer) {}

    @Override
    public void onProcessingTime(InternalTimer<IntervalKey, TimeWindow> timer) {}
  }

  /**
   * The old contents' function, the figures merged: to read them here, and to write them in tests.
   */
  static final class Sum
      implements AggregateFunction<EntityFigures, IntervalFigures, IntervalFigures> {
    private static final long serialVersionUID = 1L;

    @Override
    public IntervalFigures createAccumulator() {
      return new IntervalFigures();
    }

    @Override
    public IntervalFigures add(EntityFigures e, IntervalFigures figures) {
      figures.merge(e.figures);
      return figures;
    }

    @Override
    public IntervalFigures getResult(IntervalFigures figures) {
      return figures;
    }

    @Override
    public IntervalFigures merge(IntervalFigures a, IntervalFigures b) {
      a.merge(b);
      return a;
    }
  }
}
