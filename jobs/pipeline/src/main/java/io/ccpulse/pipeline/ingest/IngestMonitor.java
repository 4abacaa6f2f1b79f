package io.ccpulse.pipeline.ingest;

import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Inbound;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Counts accepted events per tenant and type per interval: the simplest end-to-end figure, and an
 * operator's first check that data is arriving complete.
 */
public final class IngestMonitor {
  private IngestMonitor() {}

  public static <T extends SpecificRecord> DataStream<IngestCount> count(
      DataStream<Inbound<T>> events, EventKind<T> kind, Duration interval) {
    return events
        // Tenant and type kept apart (the id is the event type): a tenant id holding a separator
        // must not land its events in another tenant's count.
        .map(
            in ->
                TenantKey.of(kind.tenant(in.event), kind.recordName() + "." + kind.type(in.event)))
        .returns(TenantKey.class)
        .uid("ingest-key-" + kind.recordName())
        .name("ingest key " + kind.recordName())
        .keyBy(key -> key, TypeInformation.of(TenantKey.class))
        .window(TumblingEventTimeWindows.of(interval))
        .aggregate(new Count(), new Emit())
        .uid("ingest-count-" + kind.recordName())
        .name("ingest count " + kind.recordName());
  }

  /** Counts incrementally: the window holds one long, not its events. */
  static final class Count implements AggregateFunction<TenantKey, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(TenantKey key, Long count) {
      return count + 1;
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

  static final class Emit extends ProcessWindowFunction<Long, IngestCount, TenantKey, TimeWindow> {
    @Override
    public void process(
        TenantKey key, Context ctx, Iterable<Long> counts, Collector<IngestCount> out) {
      IngestCount row = new IngestCount();
      row.tenantId = key.tenantId;
      row.eventType = key.id;
      row.intervalStart = ctx.window().getStart();
      row.intervalSizeSeconds = (ctx.window().getEnd() - ctx.window().getStart()) / 1000;
      row.events = counts.iterator().next();
      row.version = System.currentTimeMillis();
      out.collect(row);
    }
  }
}
