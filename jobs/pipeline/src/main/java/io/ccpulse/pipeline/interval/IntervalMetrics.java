package io.ccpulse.pipeline.interval;

import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactStreams;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Interval figures per agent, queue and tenant×channel: event-time tumbling windows of each
 * configured size, aggregated incrementally (a window holds one {@link IntervalFigures}, never its
 * facts). A fact arriving within the allowed lateness fires its window again, and the corrected row
 * goes out with a higher version.
 */
public final class IntervalMetrics {
  /** Facts later than the allowed lateness of their window: should not happen, never silent. */
  public static final OutputTag<EntityFigures> TOO_LATE = new OutputTag<>("interval-too-late") {};

  private IntervalMetrics() {}

  /**
   * Rows for every size, agents' only at {@code agentSizes} (of {@code sizes}); the late facts of
   * each size are in that size's side output.
   */
  public static List<SingleOutputStreamOperator<IntervalRow>> build(
      FactStreams facts,
      List<Duration> sizes,
      List<Duration> agentSizes,
      Thresholds thresholds,
      Duration allowedLateness) {
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("metrics.intervals must name at least one size");
    }
    if (!sizes.containsAll(agentSizes)) {
      throw new IllegalArgumentException(
          "metrics.agent-intervals " + agentSizes + " must be sizes of metrics.intervals " + sizes);
    }
    return sizes.stream()
        .map(
            size -> {
              boolean agents = agentSizes.contains(size);
              String s = size.toSeconds() + "s";
              return windows(
                      facts.each(
                          "interval-sums-" + s,
                          "sums for " + s + " intervals",
                          f ->
                              f.transform(
                                  "sums",
                                  TypeInformation.of(EntityFigures.class),
                                  new IntervalSums(size, agents, thresholds))),
                      size,
                      allowedLateness)
                  .uid("interval-" + s)
                  .name("intervals " + s);
            })
        .toList();
  }

  /** The windows of one size over the sums (and the facts that came alone). */
  static SingleOutputStreamOperator<IntervalRow> windows(
      DataStream<EntityFigures> sums, Duration size, Duration allowedLateness) {
    return sums.keyBy(EntityFigures::key)
        .window(new FactTimeWindows(size))
        .allowedLateness(allowedLateness)
        .sideOutputLateData(TOO_LATE)
        .aggregate(new Accumulate(), new Emit());
  }

  /** A fact too late for its window, as a rejection (it has no Kafka position of its own). */
  public static RejectedEvent rejection(EntityFigures late) {
    // Only a fact that came after its interval had closed can be too late for it; it comes alone.
    ContactFact f = late.fact;
    RejectedEvent r =
        RejectedEvent.of(
            io.ccpulse.events.RejectReason.TOO_LATE,
            f.kind
                + " of "
                + f.interactionId
                + " for "
                + late.kind
                + " "
                + late.entityId
                + " arrived after its interval closed",
            "",
            -1,
            -1,
            new byte[0],
            System.currentTimeMillis());
    r.eventType = "ContactFact." + f.kind;
    r.tenantId = f.tenantId;
    r.eventId = f.interactionId + "/" + f.kind + "/" + late.kind + "/" + late.entityId + "/" + f.at;
    r.occurredAt = f.at;
    return r;
  }

  /** Adds the sums (and the facts that came alone) as they come. */
  static final class Accumulate
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

  /** Names the row after its entity and window; the version orders re-emissions. */
  static final class Emit
      extends ProcessWindowFunction<IntervalFigures, IntervalRow, IntervalKey, TimeWindow> {
    private static final long serialVersionUID = 1L;
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
      // A copy: the writer, chained here, keeps the row until its batch goes, and the window's
      // figures change with the next fact.
      row.figures = result.iterator().next().copy();
      row.intervalStart = ctx.window().getStart();
      row.intervalSizeSeconds = (ctx.window().getEnd() - ctx.window().getStart()) / 1000;
      // Wall-clock millis, so a later emission (a late correction, or a rerun) replaces an earlier
      // one; kept strictly increasing per window for two firings within one millisecond.
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
