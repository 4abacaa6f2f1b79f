package io.ccpulse.pipeline.ingest;

import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.Lateness;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Counts accepted events per tenant and type per interval: the simplest end-to-end figure, and an
 * operator's first check that data is arriving complete.
 *
 * <p>Accepted: decoded, and not too late by its partition's clock ({@link Lateness}, the rule every
 * stage applies). A late event within the allowed lateness is counted in its interval, which is
 * written again; a too-late one is left out (it is in rejected_events). So the counts are the
 * data's, the same on any number of partitions and at any read speed: a window that closed at the
 * watermark and dropped what came behind it counted whatever the slowest partition had let through.
 *
 * <p>The events are counted where they are read, per interval, and the counts go to the windows
 * ({@link IngestSums}): a record per tenant, type and interval over the network, not one per event.
 */
public final class IngestMonitor {
  private IngestMonitor() {}

  public static <T extends SpecificRecord> DataStream<IngestCount> count(
      DataStream<Inbound<T>> events, EventKind<T> kind, Duration interval, Duration lateness) {
    long latenessMs = lateness.toMillis();
    return events
        .filter(
            in ->
                !Lateness.tooLate(
                    kind.occurredAt(in.event).toEpochMilli(),
                    in.partitionClock,
                    Long.MIN_VALUE,
                    latenessMs))
        .uid("ingest-on-time-" + kind.recordName())
        .name("ingest on time " + kind.recordName())
        .transform(
            "ingest sums " + kind.recordName(),
            TypeInformation.of(IngestSum.class),
            new IngestSums<>(kind, interval))
        .uid("ingest-sums-" + kind.recordName())
        .keyBy(sum -> sum.key, TypeInformation.of(TenantKey.class))
        .window(TumblingEventTimeWindows.of(interval))
        // One millisecond more than the lateness: an event the clock accepts (event time + lateness
        // at or after the clock, and the watermark never ahead of the clock) is never dropped here.
        .allowedLateness(lateness.plusMillis(1))
        .aggregate(new Count(), new Emit())
        .uid("ingest-count-" + kind.recordName())
        .name("ingest count " + kind.recordName());
  }

  /** Counts incrementally: the window holds one long, not its events. */
  static final class Count implements AggregateFunction<IngestSum, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(IngestSum sum, Long count) {
      return count + sum.events;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  private static final ValueStateDescriptor<Long> LAST_VERSION =
      new ValueStateDescriptor<>("ingest-last-version", Types.LONG);

  static final class Emit extends ProcessWindowFunction<Long, IngestCount, TenantKey, TimeWindow> {
    @Override
    public void clear(Context ctx) {
      ctx.windowState().getState(LAST_VERSION).clear();
    }

    @Override
    public void process(
        TenantKey key, Context ctx, Iterable<Long> counts, Collector<IngestCount> out)
        throws Exception {
      IngestCount row = new IngestCount();
      row.tenantId = key.tenantId;
      row.eventType = key.id;
      row.intervalStart = ctx.window().getStart();
      row.intervalSizeSeconds = (ctx.window().getEnd() - ctx.window().getStart()) / 1000;
      row.events = counts.iterator().next();
      // The emission time, and above the window's previous emission even within one millisecond:
      // the table keeps the highest version, which must be the latest count.
      ValueState<Long> last = ctx.windowState().getState(LAST_VERSION);
      long previous = last.value() == null ? Long.MIN_VALUE : last.value();
      row.version = Math.max(System.currentTimeMillis(), previous + 1);
      last.update(row.version);
      out.collect(row);
    }
  }
}
