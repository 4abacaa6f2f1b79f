package io.ccpulse.pipeline.interval;

import static io.ccpulse.pipeline.interval.IntervalWindowsTest.AGENT;
import static io.ccpulse.pipeline.interval.IntervalWindowsTest.LATENESS;
import static io.ccpulse.pipeline.interval.IntervalWindowsTest.MINUTE;
import static io.ccpulse.pipeline.interval.IntervalWindowsTest.QUEUE;
import static io.ccpulse.pipeline.interval.IntervalWindowsTest.sum;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A savepoint of a release that kept the intervals in Flink's window operator restores into {@link
 * IntervalWindows}: the same rows, the same late one refused, as the window operator restored from
 * it sends.
 */
class WindowStatesBeforeTest {

  @Test
  void theWindowOperatorsIntervalsAreMovedAndSendTheSameRows() throws Exception {
    OperatorSubtaskState savepoint;
    try (var before = harness(windowOperator())) {
      before.open();
      before.processElement(sum(QUEUE, 0, 2, 20));
      before.processElement(sum(QUEUE, MINUTE, 1, 10));
      before.processElement(sum(AGENT, 2 * MINUTE, 3, 30));
      before.processWatermark(new Watermark(MINUTE - 1)); // the queue's first minute sent
      assertThat(before.extractOutputValues()).hasSize(1);
      savepoint = before.snapshot(1, 1);
    }

    List<String> old = rest(harness(windowOperator()), savepoint);
    List<String> now =
        rest(harness(new IntervalWindows(Duration.ofMinutes(1), LATENESS)), savepoint);

    assertThat(now)
        .containsExactly(
            "q1@0 handled=3 talk=25", // corrected within the lateness
            "q1@1 handled=1 talk=10",
            "a1@2 handled=3 talk=30",
            "too late: q1@0");
    assertThat(now).isEqualTo(old);
  }

  /** After the savepoint: a late sum, minutes passing, one too late; what came out, in order. */
  private static List<String> rest(
      KeyedOneInputStreamOperatorTestHarness<IntervalKey, EntityFigures, IntervalRow> h,
      OperatorSubtaskState savepoint)
      throws Exception {
    try (h) {
      h.initializeState(savepoint);
      h.open();
      h.processElement(sum(QUEUE, 0, 1, 5));
      h.processWatermark(new Watermark(2 * MINUTE - 1));
      h.processWatermark(new Watermark(3 * MINUTE - 1));
      h.processWatermark(new Watermark(MINUTE - 1 + LATENESS.toMillis()));
      h.processElement(sum(QUEUE, 0, 1, 1));
      List<String> out =
          new java.util.ArrayList<>(
              h.extractOutputValues().stream()
                  .map(
                      r ->
                          r.entityId
                              + "@"
                              + r.intervalStart / MINUTE
                              + " handled="
                              + r.figures.handled
                              + " talk="
                              + r.figures.talkMs)
                  .toList());
      h.getSideOutput(IntervalMetrics.TOO_LATE)
          .forEach(
              r ->
                  out.add(
                      "too late: "
                          + r.getValue().entityId
                          + "@"
                          + r.getValue().intervalStart / MINUTE));
      h.processWatermark(new Watermark(Long.MAX_VALUE));
      assertThat(h.numKeyedStateEntries()).as("nothing left behind").isZero();
      return out;
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<IntervalKey, EntityFigures, IntervalRow>
      harness(OneInputStreamOperator<EntityFigures, IntervalRow> operator) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        operator, EntityFigures::key, TypeInformation.of(IntervalKey.class));
  }

  /** The operator the earlier release built: Flink's windows, as IntervalMetrics declared them. */
  @SuppressWarnings("unchecked")
  private static OneInputStreamOperator<EntityFigures, IntervalRow> windowOperator() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataStream<EntityFigures> in = env.fromData(EntityFigures.class, new EntityFigures());
    var rows =
        in.keyBy(EntityFigures::key)
            .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
            .allowedLateness(LATENESS)
            .sideOutputLateData(IntervalMetrics.TOO_LATE)
            .aggregate(new WindowStatesBefore.Sum(), new Emit());
    var factory =
        ((OneInputTransformation<EntityFigures, IntervalRow>) rows.getTransformation())
            .getOperatorFactory();
    return (OneInputStreamOperator<EntityFigures, IntervalRow>)
        ((SimpleOperatorFactory<IntervalRow>) factory).getOperator();
  }

  /** The earlier release's row, with its version in the window's state. */
  static final class Emit
      extends ProcessWindowFunction<IntervalFigures, IntervalRow, IntervalKey, TimeWindow> {
    private static final ValueStateDescriptor<Long> LAST_VERSION =
        new ValueStateDescriptor<>("last-version", Types.LONG);

    @Override
    public void process(
        IntervalKey key, Context ctx, Iterable<IntervalFigures> result, Collector<IntervalRow> out)
        throws Exception {
      IntervalRow row = new IntervalRow();
      row.tenantId = key.tenantId;
      row.kind = key.kind;
      row.entityId = key.entityId;
      row.channel = key.channel;
      row.figures = result.iterator().next().copy();
      row.intervalStart = ctx.window().getStart();
      row.intervalSizeSeconds = (ctx.window().getEnd() - ctx.window().getStart()) / 1000;
      ValueState<Long> last = ctx.windowState().getState(LAST_VERSION);
      Long previous = last.value();
      row.version =
          previous == null
              ? System.currentTimeMillis()
              : Math.max(System.currentTimeMillis(), previous + 1);
      last.update(row.version);
      out.collect(row);
    }

    @Override
    public void clear(Context ctx) {
      ctx.windowState().getState(LAST_VERSION).clear();
    }
  }
}
