package io.ccpulse.pipeline.agent;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.RejectReason;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.HeldMoments;
import io.ccpulse.pipeline.source.Lateness;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import java.util.Arrays;
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
  private transient ValueState<AgentClockState> agent;
  private transient HeldMoments<AgentInput[]> pending;
  private transient MapState<String, Boolean> seen;
  private transient ValueState<Long> tick;
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
    agent =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("agent", TypeInformation.of(AgentClockState.class)));
    pending =
        new HeldMoments<>(
            getRuntimeContext()
                .getMapState(
                    new MapStateDescriptor<>(
                        "pending",
                        Types.LONG,
                        Types.OBJECT_ARRAY(TypeInformation.of(AgentInput.class)))),
            getRuntimeContext().getState(new ValueStateDescriptor<>("pending-from", Types.LONG)),
            latenessMs);
    MapStateDescriptor<String, Boolean> seenDescriptor =
        new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
    seenDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(dedupTtl).build());
    seen = getRuntimeContext().getMapState(seenDescriptor);
    tick = getRuntimeContext().getState(new ValueStateDescriptor<>("tick", Types.LONG));
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
    } else if (in.at + latenessMs > watermark) {
      AgentInput[] waiting = pending.get(in.at);
      AgentInput[] more =
          waiting == null ? new AgentInput[] {in} : Arrays.copyOf(waiting, waiting.length + 1);
      more[more.length - 1] = in;
      pending.put(in.at, more, ctx.timerService());
    } else {
      // A presence change exactly the lateness behind, or a leg edge later than that (not
      // expected): counted where it is now.
      apply(in, ctx, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AgentTimeRow> out)
      throws Exception {
    // This operator's clock runs the lateness behind the watermark. Any timer of the agent (the one
    // at its earliest input held, the next boundary's) takes every moment the clock has passed, in
    // the order a timer per moment took them: a moment's inputs, then a boundary at that moment.
    long now = ctx.timerService().currentWatermark() - latenessMs;
    List<Long> moments = pending.dueMoments(now, ctx.timerService());
    int next = 0;
    while (true) {
      Long boundary = tick.value();
      if (next < moments.size() && (boundary == null || moments.get(next) <= boundary)) {
        for (AgentInput in : pending.take(moments.get(next++))) {
          apply(in, ctx, out);
        }
      } else if (boundary != null && boundary <= now) {
        boundary(boundary, ctx, out);
      } else {
        return;
      }
    }
  }

  /** The agent's time to the boundary {@code now}, a lost logout judged, the next boundary. */
  private void boundary(long now, Context ctx, Collector<AgentTimeRow> out) throws Exception {
    tick.clear();
    AgentClockState s = agent.value();
    emit(clock.advance(s, now), out);
    if (s.lastInputAt == 0) { // restored from before the field existed: the silence counts now
      s.lastInputAt = now;
    }
    if (s.state != null && s.openLegs == 0 && now - s.lastInputAt >= maxSilenceMs) {
      silentLogouts.inc(); // the logout never came: no longer logged in from here
      AgentClock.presence(s, AgentState.LOGGED_OUT);
    }
    agent.update(s);
    scheduleOrForget(s, ctx, out);
  }

  private void apply(AgentInput in, Context ctx, Collector<AgentTimeRow> out) throws Exception {
    AgentClockState s = agent.value();
    if (s == null) {
      s = clock.start(in.tenantId, in.agentId, in.at);
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
    agent.update(s);
    scheduleOrForget(s, ctx, out);
  }

  /** A timer at the next boundary while time accrues or an interval holds some; else forget. */
  private void scheduleOrForget(AgentClockState s, Context ctx, Collector<AgentTimeRow> out)
      throws Exception {
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE && s.dormant()) {
      // A bounded input ended with the agent logged out: its last intervals are complete, flush
      // them.
      emit(clock.advance(s, clock.lastBoundary(s)), out);
    }
    if (s.dormant() && !clock.holdsTime(s)) {
      Long next = tick.value();
      if (next != null) {
        if (!pending.holds(next)) { // the same timer may also be due for buffered inputs
          ctx.timerService().deleteEventTimeTimer(next + latenessMs);
        }
        tick.clear();
      }
      agent.clear();
      return;
    }
    if (tick.value() == null && ctx.timerService().currentWatermark() < Long.MAX_VALUE) {
      // At the end of a bounded input the watermark is final: another boundary would fire at once,
      // forever, for an agent still logged in; what comes after its last event is unknown.
      long next = clock.nextBoundary(s);
      ctx.timerService().registerEventTimeTimer(next + latenessMs);
      tick.update(next);
    }
  }

  private static void emit(List<AgentTimeRow> rows, Collector<AgentTimeRow> out) {
    for (AgentTimeRow row : rows) {
      row.version = System.currentTimeMillis();
      out.collect(row);
    }
  }
}
