package io.ccpulse.pipeline.queue;

import io.ccpulse.pipeline.alert.AlertBook;
import io.ccpulse.pipeline.alert.AlertRule;
import io.ccpulse.pipeline.alert.AlertRules;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.alert.RuleSettings;
import io.ccpulse.pipeline.interval.Thresholds;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by queue: applies waits and agent changes in event-time order at the live edge, judges the
 * alert rules after each (so a breach raises at once), and every cadence step of event time
 * publishes a snapshot and judges again (so time-driven breaches, like a wait growing with nothing
 * happening, raise too); the snapshot is published only where a figure changed since the last one
 * (unless configured for every step). The ticks run on timers: a queue whose own events stop keeps
 * its clock as long as the rest of the input moves (live, as long as the wall clock moves: {@link
 * LiveEdge}). A queue with nothing to watch and no alert open is forgotten.
 */
public final class QueueMonitor
    extends KeyedProcessFunction<TenantKey, QueueSignal, QueueSnapshot> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<QueueAlert> ALERTS = new OutputTag<>("queue-alerts") {};

  private final LiveTiming timing;
  private final long cadenceMs;
  private final long windowMs;
  private final Thresholds thresholds;
  private final AlertRules rules;
  private final boolean everyStep;
  private transient LiveEdge<QueueSignal> edge;
  private transient ValueState<QueueLive> queue;
  private transient ValueState<AlertBook> alerts;
  private transient ValueState<Long> nextTick;

  /**
   * The rules of each queue seen, by tenant, queue and channel (a list: its parts never run
   * together).
   */
  private transient Map<List<String>, Map<AlertRule, RuleSettings>> settingsByQueue;

  private transient Counter raised;

  /**
   * @param everyStep a snapshot at every cadence step; false: only at the steps where a figure
   *     changed since the last one published (the rules are judged at every step either way)
   */
  public QueueMonitor(
      LiveTiming timing,
      Duration cadence,
      Duration window,
      Thresholds thresholds,
      AlertRules rules,
      boolean everyStep) {
    this.everyStep = everyStep;
    this.timing = timing;
    this.cadenceMs = cadence.toMillis();
    this.windowMs = window.toMillis();
    this.thresholds = thresholds;
    this.rules = rules;
  }

  @Override
  public void open(OpenContext openContext) {
    edge = timing.edge(getRuntimeContext(), "held-queue-signals", QueueSignal.class);
    queue =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("queue-live", TypeInformation.of(QueueLive.class)));
    alerts =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("queue-alerts", TypeInformation.of(AlertBook.class)));
    nextTick = getRuntimeContext().getState(new ValueStateDescriptor<>("next-tick", Types.LONG));
    settingsByQueue = new HashMap<>();
    raised = getRuntimeContext().getMetricGroup().counter("alertsRaised");
  }

  @Override
  public void processElement(QueueSignal s, Context ctx, Collector<QueueSnapshot> out)
      throws Exception {
    if (edge.due(s, s.at, ctx.timerService())) {
      apply(List.of(s), ctx);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueSnapshot> out)
      throws Exception {
    boolean live = ctx.timeDomain() == TimeDomain.PROCESSING_TIME; // due by the wall clock
    // Every step and input the edge has passed, in event-time order, an input at a step's moment
    // before the step: what one timer per input and per step fired. Live, at most 100 steps per
    // timer (more come on the next one).
    long dueTo = live ? edge.dueByWall(timestamp) : edge.now(ctx.timerService().currentWatermark());
    Long tick = nextTick.value();
    for (int steps = 0; tick != null && tick <= dueTo && (!live || steps < 100); steps++) {
      apply(edge.releaseUpTo(tick, ctx.timerService()), ctx);
      tick(tick, ctx, out);
      tick = nextTick.value();
    }
    apply(edge.releaseUpTo(dueTo, ctx.timerService()), ctx);
  }

  /**
   * A cadence step: the snapshot, the rules judged on it, and the next step (or forgetting the
   * queue).
   */
  private void tick(long tick, Context ctx, Collector<QueueSnapshot> out) throws Exception {
    QueueLive q = queue.value();
    AlertBook book = alerts.value();
    QueueSnapshot now = judge(q, book, tick, ctx);
    now.openAlerts = book.openCount();
    if (q.publish(now) || everyStep) {
      out.collect(now);
    }
    alerts.update(book);
    queue.update(q);
    boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
    if ((q.quietAt(tick) && book.openCount() == 0 && edge.isEmpty()) || endOfInput) {
      if (!endOfInput) {
        // The alert book stays (a few numbers per queue ever seen): it counts each rule's raises,
        // and a
        // raise's id is its ordinal (AlertTracker.alertId), which must never be given out twice.
        queue.clear();
      }
      nextTick.clear();
    } else {
      schedule(ctx, tick + cadenceMs);
    }
  }

  private void apply(List<QueueSignal> signals, Context ctx) throws Exception {
    if (signals.isEmpty()) {
      return;
    }
    QueueLive q = queue.value();
    AlertBook book = alerts.value();
    for (QueueSignal s : signals) {
      if (q == null) {
        q = QueueLive.of(s.tenantId, s.queueId, windowMs, cadenceMs);
        book = book != null ? book : AlertBook.empty();
      }
      q.apply(s, thresholds);
      judge(q, book, s.at, ctx);
    }
    queue.update(q);
    alerts.update(book);
    if (nextTick.value() == null && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
      schedule(ctx, Math.floorDiv(q.judgedAt, cadenceMs) * cadenceMs + cadenceMs);
    }
  }

  /**
   * The queue's health at {@code at} (never before a moment already judged), alerts judged on it.
   */
  private QueueSnapshot judge(QueueLive q, AlertBook book, long at, Context ctx) {
    q.judgedAt = Math.max(q.judgedAt, at);
    QueueSnapshot s = q.snapshot(q.judgedAt);
    Map<AlertRule, RuleSettings> settings =
        settingsByQueue.computeIfAbsent(
            List.of(q.tenantId, q.queueId, String.valueOf(q.channel)),
            k -> rules.forQueue(q.tenantId, q.queueId, q.channel));
    RuleSettings sl = settings.get(AlertRule.SERVICE_LEVEL); // its clear level is the target
    q.estimate(s, sl.enabled ? sl.clear : Double.NaN, thresholds);
    for (QueueAlert change : book.judge(settings, s)) {
      if (change.status == QueueAlert.Status.RAISED) {
        raised.inc();
      }
      ctx.output(ALERTS, change);
    }
    return s;
  }

  private void schedule(Context ctx, long tick) throws Exception {
    nextTick.update(tick);
    ctx.timerService().registerEventTimeTimer(edge.timerFor(tick));
    long wall = ctx.timerService().currentProcessingTime();
    if (edge.live(tick, wall)) {
      ctx.timerService().registerProcessingTimeTimer(edge.wallTimerFor(tick, wall));
    }
  }
}
