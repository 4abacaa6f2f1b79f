package io.ccpulse.pipeline.burnout;

import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by queue: stamps each completed leg with the queue's usual handle time before it (mean over
 * the trailing baseline period, all agents, of the legs that ended strictly earlier), so the agent
 * stage can tell a contact far above its queue's usual. A queue's usual is known from {@link
 * #MIN_LEGS} legs.
 *
 * <p>Legs wait until the watermark is the allowed lateness past them, then are stamped in
 * event-time order, the legs of one instant together (none counts for another): by then every leg
 * that ended earlier and is not too late has arrived, whichever parallel task closed it and however
 * fast the partitions were read, so the stamp is the data's (docs/metrics.md §10). A retraction
 * that meets its leg still waiting cancels it; one that comes later is subtracted again.
 *
 * <p>State: one per queue ({@link KeptQueue}): hour buckets over the baseline period with their
 * running total, pruned as time moves on (and expired by TTL with a queue that falls silent), and
 * the legs waiting, with one timer at the first. Releases before it kept the buckets and the legs
 * in states of their own ({@link QueueStatesBefore}), moved on first sight.
 */
public final class QueueUsualHandle
    extends KeyedProcessFunction<TenantKey, BurnoutInput, BurnoutInput> {
  private static final long serialVersionUID = 1L;

  /** Legs a queue needs before its mean is taken as its usual. */
  public static final long MIN_LEGS = 20;

  private static final long HOUR = KeptQueue.HOUR;

  private final long baselineMs;
  private final long latenessMs;
  private transient ValueState<KeptQueue> kept;
  private transient QueueStatesBefore before;

  public QueueUsualHandle(Duration baseline, Duration allowedLateness) {
    this.baselineMs = baseline.toMillis();
    this.latenessMs = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<KeptQueue> d =
        new ValueStateDescriptor<>("kept-queue", TypeInformation.of(KeptQueue.class));
    d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(baselineMs + HOUR)).build());
    kept = getRuntimeContext().getState(d);
    before = new QueueStatesBefore(getRuntimeContext(), baselineMs + HOUR);
  }

  @Override
  public void processElement(BurnoutInput leg, Context ctx, Collector<BurnoutInput> out)
      throws Exception {
    KeptQueue q = kept();
    if (leg.at + latenessMs > ctx.timerService().currentWatermark()) {
      // Held until the clock passes it; a retraction cancels its leg if still waiting (a timer
      // set for it fires to nothing).
      q.waiting = Waiting.hold(q.waiting, leg);
    } else {
      // Later than the allowed lateness (a retraction of a leg already stamped, usually): judged
      // now, against the queue as it is, rather than not at all.
      stamp(q, new BurnoutInput[] {leg}, leg.at, out);
    }
    keep(q, ctx);
  }

  /**
   * The legs of every instant the clock has passed, instant by instant, in one firing (as {@link
   * BurnoutAssessor#onTimer}: a replay brings dozens of instants per queue between two watermarks);
   * a timer set earlier for an instant taken here fires to nothing.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<BurnoutInput> out)
      throws Exception {
    long clock = ctx.timerService().currentWatermark() - latenessMs;
    long at = timestamp - latenessMs;
    KeptQueue q = kept();
    if (q.timerAt == at) {
      q.timerAt = KeptQueue.NONE; // fired
    }
    while (true) {
      BurnoutInput[] due = Waiting.due(q.waiting, at);
      if (due.length > 0) {
        q.waiting = Waiting.after(q.waiting, due.length);
        Arrays.sort(due, BurnoutInput.ORDER); // emitted in an order of their own, not of arrival
        stamp(q, due, at, out);
      }
      if (q.waiting.length == 0 || q.waiting[0].at <= at || q.waiting[0].at > clock) {
        break;
      }
      at = q.waiting[0].at;
      if (q.timerAt == at) {
        q.timerAt = KeptQueue.NONE; // its timer fires to nothing
      }
    }
    keep(q, ctx);
  }

  /** The queue's state; moved from the states of an earlier release the first time. */
  private KeptQueue kept() throws Exception {
    KeptQueue q = kept.value();
    if (q == null) {
      q = before.take();
    }
    return q == null ? new KeptQueue() : q;
  }

  /** Keeps the queue's state, with a timer at its first waiting leg (none if that has one). */
  private void keep(KeptQueue q, Context ctx) throws Exception {
    long due = q.waiting.length == 0 ? KeptQueue.NONE : q.waiting[0].at;
    if (due != KeptQueue.NONE && due != q.timerAt) {
      ctx.timerService().registerEventTimeTimer(due + latenessMs);
      q.timerAt = due;
    }
    if (q.isEmpty()) {
      kept.clear();
    } else {
      kept.update(q);
    }
  }

  /**
   * The legs of one instant: each stamped with the usual before it (the hours within the baseline
   * period before {@code at}; older ones are dropped), then counted.
   */
  private void stamp(KeptQueue q, BurnoutInput[] legs, long at, Collector<BurnoutInput> out) {
    q.forgetBefore(at, baselineMs);
    long usual = q.totalLegs >= MIN_LEGS ? q.totalHandleMs / q.totalLegs : 0;
    for (BurnoutInput leg : legs) {
      leg.queueUsualMs = usual;
      out.collect(leg);
    }
    for (BurnoutInput leg : legs) {
      q.count(leg);
    }
  }
}
