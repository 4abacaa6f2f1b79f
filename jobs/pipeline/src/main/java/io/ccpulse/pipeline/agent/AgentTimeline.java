package io.ccpulse.pipeline.agent;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.RejectReason;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Lateness;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import java.util.List;
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

/**
 * Keyed by agent: feeds presence changes and leg edges, in event-time order, to an {@link
 * AgentClock}, and emits each interval's agent time once the watermark is the allowed lateness past
 * its end (a timer at every boundary while the agent is logged in or busy, so time advances without
 * events). Running that far behind lets every late input, and every leg a late event corrected,
 * arrive before its time is attributed, so the rows are final and exact; a presence change later
 * than that is rejected as TOO_LATE. A logged-out, idle agent keeps no state but its recent event
 * ids (TTL) for dropping duplicates; an agent whose logout never came is taken as logged out once
 * nothing has happened for {@code metrics.agent-max-silence}.
 *
 * <p>All of an agent but those ids is one keyed state ({@link KeptAgentTime}) with a timer at its
 * first held input and one at its next boundary; releases before it kept four states ({@link
 * AgentStatesBefore}), moved over the first time the agent's key is seen again.
 */
public final class AgentTimeline extends KeyedProcessFunction<TenantKey, AgentInput, AgentTimeRow> {
  private static final long serialVersionUID = 1L;

  public static final org.apache.flink.util.OutputTag<RejectedEvent> REJECTED =
      new org.apache.flink.util.OutputTag<>("agent-rejected") {};

  private final long[] sizesMs;
  private final long latenessMs;
  private final Duration dedupTtl;
  private final long maxSilenceMs;
  private transient AgentClock clock;
  private transient ValueState<KeptAgentTime> kept;
  private transient AgentStatesBefore before;
  private transient MapState<String, Boolean> seen;
  private transient Counter duplicates;
  private transient Counter silentLogouts;
  private transient EventCodec<AgentStateEvent> codec;

  /**
   * @param maxSilence an agent logged in with no contact open and no input for this long lost its
   *     logout: taken as logged out at the next boundary after it
   */
  public AgentTimeline(
      List<Duration> sizes, Duration allowedLateness, Duration dedupTtl, Duration maxSilence) {
    this.sizesMs = sizes.stream().mapToLong(Duration::toMillis).toArray();
    this.latenessMs = allowedLateness.toMillis();
    this.dedupTtl = dedupTtl;
    this.maxSilenceMs = maxSilence.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    clock = new AgentClock(sizesMs);
    kept =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "kept-agent-time", TypeInformation.of(KeptAgentTime.class)));
    before = new AgentStatesBefore(getRuntimeContext());
    MapStateDescriptor<String, Boolean> seenDescriptor =
        new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
    seenDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(dedupTtl).build());
    seen = getRuntimeContext().getMapState(seenDescriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateAgentStates");
    silentLogouts = getRuntimeContext().getMetricGroup().counter("agentSilentLogouts");
    codec = EventCodec.agentStates();
  }

  @Override
  public void processElement(AgentInput in, Context ctx, Collector<AgentTimeRow> out)
      throws Exception {
    if (in.eventId != null) {
      if (seen.contains(in.eventId)) {
        duplicates.inc();
        return;
      }
      seen.put(in.eventId, Boolean.TRUE);
    }
    long watermark = ctx.timerService().currentWatermark();
    if (in.event != null && Lateness.tooLate(in.at, in.partitionClock, watermark, latenessMs)) {
      ctx.output(
          REJECTED,
          RejectedEvent.of(
              EventKind.AGENT_STATE,
              in.event,
              RejectReason.TOO_LATE,
              Lateness.detail(in.at, in.partitionClock, watermark, latenessMs),
              in.topic,
              in.partition,
              in.offset,
              codec.encode(in.event),
              System.currentTimeMillis()));
    } else {
      KeptAgentTime a = kept();
      if (in.at + latenessMs > watermark) {
        a.hold(in);
        if (a.heldTimerAt == KeptAgentTime.NONE || in.at < a.heldTimerAt) {
          ctx.timerService().registerEventTimeTimer(in.at + latenessMs);
          a.heldTimerAt = in.at;
        }
      } else {
        // A presence change exactly the lateness behind, or a leg edge later than that (not
        // expected): counted where it is now.
        apply(a, in, ctx, out);
      }
      keep(a);
    }
  }

  /**
   * This operator's clock runs the lateness behind the watermark. Any timer of the agent (the one
   * at its first input held, the next boundary's) takes every moment the clock has passed, in the
   * order a timer per moment took them: a moment's inputs, then a boundary at that moment. All
   * timers up to a watermark fire in the one call that advances it, with no input between them, so
   * only the order counts; one set for a moment taken here fires to nothing.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AgentTimeRow> out)
      throws Exception {
    long now = ctx.timerService().currentWatermark() - latenessMs;
    KeptAgentTime a = kept();
    while (true) {
      long moment = a.firstHeld();
      if (moment != KeptAgentTime.NONE
          && moment <= now
          && (a.tick == KeptAgentTime.NONE || moment <= a.tick)) {
        for (AgentInput in : a.takeFirst()) {
          apply(a, in, ctx, out);
        }
      } else if (a.tick != KeptAgentTime.NONE && a.tick <= now) {
        boundary(a, a.tick, ctx, out);
      } else {
        break;
      }
    }
    if (a.heldTimerAt != KeptAgentTime.NONE && a.heldTimerAt <= now) {
      // The held inputs' timer (never later than the first held: none was taken without it
      // passing) moves to the first left, so it fires once the clock reaches it.
      long first = a.firstHeld();
      a.heldTimerAt = first;
      if (first != KeptAgentTime.NONE) {
        ctx.timerService().registerEventTimeTimer(first + latenessMs);
      }
    }
    keep(a);
  }

  /** The agent's state; moved from the states of an earlier release the first time. */
  private KeptAgentTime kept() throws Exception {
    KeptAgentTime a = kept.value();
    if (a == null) {
      a = before.take();
    }
    return a == null ? new KeptAgentTime() : a;
  }

  private void keep(KeptAgentTime a) throws Exception {
    if (a.isEmpty()) {
      kept.clear();
    } else {
      kept.update(a);
    }
  }

  /** The agent's time to the boundary {@code now}, a lost logout judged, the next boundary. */
  private void boundary(KeptAgentTime a, long now, Context ctx, Collector<AgentTimeRow> out) {
    a.tick = KeptAgentTime.NONE;
    AgentClockState s = a.clock;
    emit(clock.advance(s, now), out);
    if (s.lastInputAt == 0) { // restored from before the field existed: the silence counts now
      s.lastInputAt = now;
    }
    if (s.state != null && s.openLegs == 0 && now - s.lastInputAt >= maxSilenceMs) {
      silentLogouts.inc(); // the logout never came: no longer logged in from here
      AgentClock.presence(s, AgentState.LOGGED_OUT);
    }
    scheduleOrForget(a, ctx, out);
  }

  private void apply(KeptAgentTime a, AgentInput in, Context ctx, Collector<AgentTimeRow> out) {
    AgentClockState s = a.clock;
    if (s == null) {
      s = clock.start(in.tenantId, in.agentId, in.at);
      a.clock = s;
    }
    emit(clock.advance(s, Math.max(in.at, s.accountedTo)), out);
    s.lastInputAt = Math.max(s.lastInputAt, in.at);
    if (in.state != null) {
      AgentClock.presence(s, in.state);
    } else if (in.legDelta > 0) {
      AgentClock.legOpened(s);
    } else {
      AgentClock.legClosed(s);
    }
    scheduleOrForget(a, ctx, out);
  }

  /** A timer at the next boundary while time accrues or an interval holds some; else forget. */
  private void scheduleOrForget(KeptAgentTime a, Context ctx, Collector<AgentTimeRow> out) {
    AgentClockState s = a.clock;
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE && s.dormant()) {
      // A bounded input ended with the agent logged out: its last intervals are complete, flush
      // them.
      emit(clock.advance(s, clock.lastBoundary(s)), out);
    }
    if (s.dormant() && !clock.holdsTime(s)) {
      if (a.tick != KeptAgentTime.NONE) {
        if (!a.holds(a.tick)) { // the same timer may also be due for held inputs
          ctx.timerService().deleteEventTimeTimer(a.tick + latenessMs);
        }
        a.tick = KeptAgentTime.NONE;
      }
      a.clock = null;
      return;
    }
    if (a.tick == KeptAgentTime.NONE && ctx.timerService().currentWatermark() < Long.MAX_VALUE) {
      // At the end of a bounded input the watermark is final: another boundary would fire at once,
      // forever, for an agent still logged in; what comes after its last event is unknown.
      long next = clock.nextBoundary(s);
      ctx.timerService().registerEventTimeTimer(next + latenessMs);
      a.tick = next;
    }
  }

  private static void emit(List<AgentTimeRow> rows, Collector<AgentTimeRow> out) {
    for (AgentTimeRow row : rows) {
      row.version = System.currentTimeMillis();
      out.collect(row);
    }
  }
}
