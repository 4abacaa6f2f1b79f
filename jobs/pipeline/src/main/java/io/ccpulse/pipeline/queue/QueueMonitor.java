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
  private final boolean boundedInput;
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
    this(timing, cadence, window, thresholds, rules, everyStep, false);
  }

  /**
   * @param boundedInput a replay of history that ends: a queue is judged until one window after its
   *     last input, at the end of the input too, and no further (see {@link #tick})
   */
  public QueueMonitor(
      LiveTiming timing,
      Duration cadence,
      Duration window,
      Thresholds thresholds,
      AlertRules rules,
      boolean everyStep,
      boolean boundedInput) {
    this.everyStep = everyStep;
    this.boundedInput = boundedInput;
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
    if (edge.due(s, s.knownAt, ctx.timerService())) {
      apply(List.of(s), ctx);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueSnapshot> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) { // live: due by the wall clock
      long dueTo = edge.dueByWall(timestamp);
      Long tick = nextTick.value();
      for (int steps = 0;
          tick != null && tick <= dueTo && steps < 100;
          steps++) { // more come on the next timer
        apply(edge.releaseUpTo(tick, ctx.timerService()), ctx);
        tick(tick, ctx, out);
        tick = nextTick.value();
      }
      apply(edge.releaseUpTo(dueTo, ctx.timerService()), ctx);
      return;
    }
    // Any event-time timer of the queue (the edge's one at its earliest input held, a step's)
    // takes every moment the edge has passed, in the order one timer per moment fired them: each
    // moment's inputs, then a step at that moment.
    long now = edge.now(ctx.timerService().currentWatermark());
    List<Long> moments = edge.dueMoments(now, ctx.timerService());
    int next = 0;
    while (true) {
      Long tick = nextTick.value();
      if (next < moments.size() && (tick == null || moments.get(next) <= tick)) {
        apply(edge.take(moments.get(next++)), ctx);
      } else if (tick != null && tick <= now) {
        tick(tick, ctx, out);
      } else {
        return;
      }
    }
  }

  /**
   * A cadence step: the snapshot, the rules judged on it, and the next step (or forgetting the
   * queue).
   *
   * <p>When a bounded input ends, the watermark jumps to its end at once, from wherever the
   * sources' last periodic watermark had left it: with the whole input read in a second, that can
   * be anywhere in the day. So a replay neither stops judging there nor goes on by the watermark
   * after a queue's last input: it judges each queue up to one window after its last input (by then
   * every outcome has left the window; what could still change is an alert on a wait that nothing
   * ends), at the end of the input too. Those steps are the data's alone, however far the watermark
   * got before the end. Live, a queue is judged as long as the watermark moves.
   */
  private void tick(long tick, Context ctx, Collector<QueueSnapshot> out) throws Exception {
    QueueLive q = queue.value();
    AlertBook book = alerts.value();
    QueueSnapshot now = judge(q, book, tick, true, ctx);
    now.openAlerts = book.openCount();
    if (q.publish(now) || everyStep) {
      out.collect(now);
    }
    alerts.update(book);
    queue.update(q);
    boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
    boolean done = boundedInput ? tick >= q.lastInputAt + windowMs : endOfInput;
    boolean quiet = q.quietAt(tick) && book.openCount() == 0 && edge.isEmpty();
    if (quiet || done) {
      if (quiet && !endOfInput) {
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
    for (int i = 0; i < signals.size(); i++) {
      QueueSignal s = signals.get(i);
      if (q == null) {
        q = QueueLive.of(s.tenantId, s.queueId, windowMs, cadenceMs);
        book = book != null ? book : AlertBook.empty();
      }
      q.apply(s, thresholds);
      q.lastInputAt = Math.max(q.lastInputAt, s.knownAt);
      // Judged once a moment's inputs are all in: those of one moment come from several
      // subtasks in any order, and a rule judged between them would depend on it.
      if (i == signals.size() - 1 || signals.get(i + 1).knownAt != s.knownAt) {
        judge(q, book, s.knownAt, false, ctx);
      }
    }
    queue.update(q);
    alerts.update(book);
    if (nextTick.value() == null
        && (boundedInput || ctx.timerService().currentWatermark() != Long.MAX_VALUE)) {
      schedule(ctx, Math.floorDiv(q.judgedAt, cadenceMs) * cadenceMs + cadenceMs);
    }
  }

  /**
   * The queue's health at {@code at} (never before a moment already judged), alerts judged on it;
   * {@code step}: a cadence step (else an input's moment).
   */
  private QueueSnapshot judge(QueueLive q, AlertBook book, long at, boolean step, Context ctx) {
    q.judgedAt = Math.max(q.judgedAt, at);
    QueueSnapshot s = q.snapshot(q.judgedAt);
    Map<AlertRule, RuleSettings> settings =
        settingsByQueue.computeIfAbsent(
            List.of(q.tenantId, q.queueId, String.valueOf(q.channel)),
            k -> rules.forQueue(q.tenantId, q.queueId, q.channel));
    RuleSettings sl = settings.get(AlertRule.SERVICE_LEVEL); // its clear level is the target
    q.estimate(s, sl.enabled ? sl.clear : Double.NaN, thresholds, step);
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
