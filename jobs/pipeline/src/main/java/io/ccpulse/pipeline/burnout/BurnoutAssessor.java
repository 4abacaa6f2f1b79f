package io.ccpulse.pipeline.burnout;

import io.ccpulse.events.AgentState;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by agent: applies presence changes, contacts and surveys to the agent's {@link ShiftState}
 * in event-time order, running the allowed lateness behind the watermark (as agent time does), so a
 * retraction usually meets the input it takes back before either counts; and assesses the shift at
 * every interval boundary and at logout: a {@link BurnoutRow}, plus a {@link LevelChange} in the
 * side output when the level moved.
 *
 * <p>State: the agent's shift with its next boundary and the inputs waiting for their time, in one
 * state ({@link KeptAgent}) with one timer, at the first instant something is due (cleared at
 * logout); recent presence event ids (TTL, to drop duplicates); and the baseline: one bucket per
 * day of the agent's finished shifts, kept for the baseline period (pruned on use, and by an
 * event-time timer when a day leaves the period, so an agent who left keeps nothing; TTL too), so
 * it survives restarts. A shift with no input for {@code burnout.shift.max-silence} lost its logout
 * and is closed.
 *
 * <p>The rows are the data's (docs/metrics.md §10): inputs of one instant are applied in an order
 * of their own ({@link BurnoutInput#ORDER}), and legs come stamped with their queue's usual in
 * event-time order ({@link QueueUsualHandle}). Live, the clock ticks as the watermark moves. A
 * bounded input (a replay of history) ends with the watermark jumping to the end from wherever the
 * sources' last periodic watermark had left it, so there a shift is assessed at every boundary up
 * to the first one after its latest input and no further: the boundaries before an input are
 * assessed when it comes (as the clock would have, before it), whether or not the watermark had
 * passed them; the same rows however far the watermark got before the end.
 */
public final class BurnoutAssessor
    extends KeyedProcessFunction<TenantKey, BurnoutInput, BurnoutRow> {
  private static final long serialVersionUID = 1L;
  private static final long DAY = 86_400_000;

  public static final OutputTag<LevelChange> LEVEL_CHANGES =
      new OutputTag<>("burnout-level-changes") {};

  private final BurnoutSettings settings;
  private final long latenessMs;
  private final Duration dedupTtl;
  private final boolean boundedInput;
  private transient ShiftTracker tracker;
  private transient ValueState<KeptAgent> kept;
  private transient ShiftStatesBefore before;
  private transient MapState<String, Boolean> seen;
  private transient MapState<Long, long[]> baseline;
  private transient Counter lateInputs;
  private transient Counter silentShifts;

  public BurnoutAssessor(BurnoutSettings settings, Duration allowedLateness, Duration dedupTtl) {
    this(settings, allowedLateness, dedupTtl, false);
  }

  /**
   * @param boundedInput a replay of history that ends: a shift is assessed up to the first boundary
   *     after its latest input, at the end of the input too, and no further
   */
  public BurnoutAssessor(
      BurnoutSettings settings, Duration allowedLateness, Duration dedupTtl, boolean boundedInput) {
    this.settings = settings;
    this.latenessMs = allowedLateness.toMillis();
    this.dedupTtl = dedupTtl;
    this.boundedInput = boundedInput;
  }

  @Override
  public void open(OpenContext openContext) {
    tracker = new ShiftTracker(settings);
    kept =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("kept-agent", TypeInformation.of(KeptAgent.class)));
    before = new ShiftStatesBefore(getRuntimeContext());
    MapStateDescriptor<String, Boolean> seenDescriptor =
        new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
    seenDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(dedupTtl).build());
    seen = getRuntimeContext().getMapState(seenDescriptor);
    MapStateDescriptor<Long, long[]> days =
        new MapStateDescriptor<>(
            "baseline-days",
            Types.LONG,
            org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                .LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    days.enableTimeToLive(
        StateTtlConfig.newBuilder(Duration.ofMillis(settings.baselineMs + DAY)).build());
    baseline = getRuntimeContext().getMapState(days);
    lateInputs = getRuntimeContext().getMetricGroup().counter("burnoutLateInputs");
    silentShifts = getRuntimeContext().getMetricGroup().counter("burnoutSilentShiftsClosed");
  }

  @Override
  public void processElement(BurnoutInput in, Context ctx, Collector<BurnoutRow> out)
      throws Exception {
    if (in.eventId != null) {
      if (seen.contains(in.eventId)) {
        return; // a duplicate presence event
      }
      seen.put(in.eventId, Boolean.TRUE);
    }
    KeptAgent a = kept();
    if (in.at + latenessMs > ctx.timerService().currentWatermark()) {
      // Held until the clock reaches it; a retraction cancels the input it takes back if still
      // waiting (a timer set for it fires to nothing).
      a.waiting = Waiting.hold(a.waiting, in);
    } else {
      // Later than the allowed lateness (agent time rejects such presence changes visibly): it
      // still counts, now, rather than not at all.
      lateInputs.inc();
      apply(a, in, ctx, out);
    }
    keep(a, ctx);
  }

  /** The agent's state; moved from the states of an earlier release the first time. */
  private KeptAgent kept() throws Exception {
    KeptAgent a = kept.value();
    if (a == null) {
      a = before.take();
    }
    return a == null ? new KeptAgent() : a;
  }

  /** Keeps the agent's state, with a timer for what is due first (none if that has one). */
  private void keep(KeptAgent a, Context ctx) throws Exception {
    long due = a.due();
    if (due != KeptAgent.NONE && due != a.timerAt) {
      ctx.timerService().registerEventTimeTimer(due + latenessMs);
      a.timerAt = due;
    }
    if (a.isEmpty()) {
      kept.clear();
    } else {
      kept.update(a);
    }
  }

  /**
   * Everything the clock has passed, instant by instant as a timer per instant would have: one
   * firing takes them all (a replay brings dozens of instants per agent between two watermarks, and
   * a timer each cost a timer-queue insert and poll and a state look-up and write). All timers up
   * to a watermark fire in the one call that advances it, with no input between them, so only the
   * order counts; a timer set earlier for an instant taken here fires to nothing.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<BurnoutRow> out)
      throws Exception {
    // this operator's clock runs the lateness behind the watermark
    long clock = ctx.timerService().currentWatermark() - latenessMs;
    long now = timestamp - latenessMs;
    KeptAgent a = kept();
    while (true) {
      due(a, now, ctx, out);
      long next = a.due();
      if (next == KeptAgent.NONE || next <= now || next > clock) {
        break;
      }
      now = next;
    }
    keep(a, ctx);
  }

  /** What is due at the instant {@code now}: the boundary first, then the inputs waiting. */
  private void due(KeptAgent a, long now, Context ctx, Collector<BurnoutRow> out) throws Exception {
    if (a.timerAt == now) {
      a.timerAt = KeptAgent.NONE; // fired
    }
    if (a.tick != KeptAgent.NONE
        && a.tick == now) { // first: an instant on a boundary belongs to the later interval
      ShiftState s = a.shift;
      if (boundary(a, s, now, ctx, out)) {
        // Live the clock ticks on; not past the end of the input (a timer would fire at once,
        // forever: what comes after the last input is unknown), nor a bounded input's past its
        // latest input.
        schedule(a, !boundedInput && ctx.timerService().currentWatermark() < Long.MAX_VALUE);
      }
    }
    BurnoutInput[] due = Waiting.due(a.waiting, now);
    a.waiting = Waiting.after(a.waiting, due.length);
    Arrays.sort(due, BurnoutInput.ORDER); // closing before opening, then an order of their own
    for (BurnoutInput in : due) {
      apply(a, in, ctx, out);
    }
    if (a.shift == null) {
      baselineBefore(now); // a day past the baseline period (its expiry timer): dropped
    }
  }

  private void apply(KeptAgent a, BurnoutInput in, Context ctx, Collector<BurnoutRow> out)
      throws Exception {
    ShiftState s = a.shift;
    if (s == null) {
      if (in.kind != BurnoutInput.Kind.PRESENCE || in.state == AgentState.LOGGED_OUT) {
        return; // nothing to follow outside a shift
      }
      s = tracker.start(in.tenantId, in.agentId, in.at);
      a.shift = s;
    } else {
      s = catchUp(a, s, in, ctx, out);
      if (s == null) { // closed as silent before this input: it may start the next shift
        apply(a, in, ctx, out);
        return;
      }
    }
    long at = Math.max(in.at, s.accountedTo);
    tracker.advance(s, at);
    s.lastInputAt = at;
    switch (in.kind) {
      case PRESENCE -> tracker.presence(s, in.state, at);
      case CONTACT_OPENED -> tracker.contactOpened(s, at, in.sign);
      case LEG_INCOMPLETE -> tracker.contactClosed(s, at, in.sign);
      case LEG -> {
        tracker.contactClosed(s, at, in.sign);
        tracker.legCompleted(
            s,
            in.channel.ordinal(),
            in.handleMs,
            tracker.demanding(in.handleMs, in.transferred, in.queueUsualMs),
            in.sign);
      }
      case SURVEY -> {
        if (in.sign > 0) {
          tracker.survey(s, in.csat);
        }
      }
    }
    if (s.state == null) {
      endShift(a, s, at, ctx, out);
    } else {
      schedule(a, true); // the first boundary after an input is assessed in any case
    }
  }

  /**
   * The boundaries up to an input that the clock did not reach (a bounded input's, or any at its
   * end), assessed as the clock would have: with everything before each applied, nothing after.
   * Live the clock has always passed them: no-op. Returns the shift, or null if it was closed as
   * silent on the way.
   */
  private ShiftState catchUp(
      KeptAgent a, ShiftState s, BurnoutInput in, Context ctx, Collector<BurnoutRow> out)
      throws Exception {
    while (a.tick != KeptAgent.NONE && a.tick <= in.at) {
      if (!boundary(a, s, a.tick, ctx, out)) {
        return null;
      }
      schedule(a, false);
    }
    return s;
  }

  /**
   * A boundary of the shift's clock: assessed, or the shift closed if it was silent too long.
   * Returns whether the shift goes on.
   */
  private boolean boundary(
      KeptAgent a, ShiftState s, long now, Context ctx, Collector<BurnoutRow> out)
      throws Exception {
    a.tick = KeptAgent.NONE;
    tracker.advance(s, now);
    if (s.lastInputAt == 0) { // a shift restored from before the field existed: from now
      s.lastInputAt = now;
    }
    if (now - s.lastInputAt >= settings.maxSilenceMs) {
      // No logout came and nothing happened for so long that none will: the shift is over.
      silentShifts.inc();
      forget(a, s, ctx);
      return false;
    }
    assess(s, now, now - settings.intervalMs, ctx, out);
    return true;
  }

  /** Logout: a last assessment, the shift into the baseline, and the shift forgotten. */
  private void endShift(KeptAgent a, ShiftState s, long at, Context ctx, Collector<BurnoutRow> out)
      throws Exception {
    long intervalStart = Math.floorDiv(at, settings.intervalMs) * settings.intervalMs;
    if (at > intervalStart) { // on a boundary the tick has just assessed it
      assess(s, at, intervalStart, ctx, out);
    }
    forget(a, s, ctx);
  }

  /**
   * The shift into the baseline, with a timer for when its day leaves the baseline period (so an
   * agent who never comes back keeps nothing), and the shift forgotten.
   */
  private void forget(KeptAgent a, ShiftState s, Context ctx) throws Exception {
    long day = Math.floorDiv(s.shiftStart, DAY) * DAY;
    long[] bucket = baseline.get(day);
    baseline.put(
        day, bucket == null ? Baseline.bucket(s) : Baseline.plus(bucket, Baseline.bucket(s)));
    if (a.tick != KeptAgent.NONE) {
      if (!Waiting.holds(a.waiting, a.tick)) { // the same timer may also be due for waiting inputs
        ctx.timerService().deleteEventTimeTimer(a.tick + latenessMs);
        if (a.timerAt == a.tick) {
          a.timerAt = KeptAgent.NONE;
        }
      }
      a.tick = KeptAgent.NONE;
    }
    if (ctx.timerService().currentWatermark() < Long.MAX_VALUE) { // after the delete: may be equal
      ctx.timerService().registerEventTimeTimer(day + DAY + settings.baselineMs + latenessMs);
    }
    a.shift = null;
  }

  private void assess(
      ShiftState s, long now, long intervalStart, Context ctx, Collector<BurnoutRow> out)
      throws Exception {
    Assessment a =
        Assessment.of(tracker.indicators(s, now, baselineBefore(s.shiftStart)), settings);
    BurnoutRow row = new BurnoutRow();
    row.tenantId = s.tenantId;
    row.agentId = s.agentId;
    row.intervalSizeSeconds = settings.intervalMs / 1000;
    row.intervalStart = intervalStart;
    row.assessedAt = now;
    row.shiftStart = s.shiftStart;
    row.score = a.score();
    row.level = a.level();
    row.values = a.values();
    row.contacts = s.handled();
    row.factors = a.factorsJson();
    row.version = System.currentTimeMillis();
    out.collect(row);
    if (a.level() != s.level) {
      LevelChange change = new LevelChange();
      change.tenantId = s.tenantId;
      change.agentId = s.agentId;
      change.at = now;
      change.from = s.level;
      change.to = a.level();
      change.score = a.score();
      change.factors = row.factors;
      change.version = row.version;
      ctx.output(LEVEL_CHANGES, change);
      s.level = a.level();
    }
  }

  /** The finished shifts of the baseline period before this shift; older days are dropped. */
  private Baseline baselineBefore(long shiftStart) throws Exception {
    Baseline b = new Baseline();
    List<Long> old = new ArrayList<>();
    for (Map.Entry<Long, long[]> e : baseline.entries()) {
      if (e.getKey() + DAY <= shiftStart - settings.baselineMs) {
        old.add(e.getKey());
      } else {
        b.add(e.getValue());
      }
    }
    for (Long k : old) {
      baseline.remove(k);
    }
    return b;
  }

  /**
   * The shift's next boundary, due when the clock reaches it if {@code timed} (the timer is set
   * with the state, {@link #keep}), else at the next input.
   */
  private void schedule(KeptAgent a, boolean timed) {
    a.tick = (Math.floorDiv(a.shift.accountedTo, settings.intervalMs) + 1) * settings.intervalMs;
    a.tickTimed = timed;
  }
}
