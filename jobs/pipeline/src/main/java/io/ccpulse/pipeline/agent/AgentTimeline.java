package io.ccpulse.pipeline.agent;

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
 * AgentClock}, and emits each interval's agent time when the watermark passes its end (a timer at
 * every boundary while the agent is logged in or busy, so time advances without events). Rows are
 * final when emitted: an input behind the watermark is applied at the time already accounted to.
 * A logged-out, idle agent keeps no state but its recent event ids (TTL) for dropping duplicates.
 */
public final class AgentTimeline extends KeyedProcessFunction<String, AgentInput, AgentTimeRow> {
  private static final long serialVersionUID = 1L;

  private final long[] sizesMs;
  private final Duration dedupTtl;
  private transient AgentClock clock;
  private transient ValueState<AgentClockState> agent;
  private transient MapState<Long, AgentInput[]> pending;
  private transient MapState<String, Boolean> seen;
  private transient ValueState<Long> tick;
  private transient Counter duplicates;

  public AgentTimeline(List<Duration> sizes, Duration dedupTtl) {
    this.sizesMs = sizes.stream().mapToLong(Duration::toMillis).toArray();
    this.dedupTtl = dedupTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    clock = new AgentClock(sizesMs);
    agent = getRuntimeContext().getState(new ValueStateDescriptor<>("agent", TypeInformation.of(AgentClockState.class)));
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
        Types.OBJECT_ARRAY(TypeInformation.of(AgentInput.class))));
    MapStateDescriptor<String, Boolean> seenDescriptor = new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
    seenDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(dedupTtl).build());
    seen = getRuntimeContext().getMapState(seenDescriptor);
    tick = getRuntimeContext().getState(new ValueStateDescriptor<>("tick", Types.LONG));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateAgentStates");
  }

  @Override
  public void processElement(AgentInput in, Context ctx, Collector<AgentTimeRow> out) throws Exception {
    if (in.eventId != null) {
      if (seen.contains(in.eventId)) {
        duplicates.inc();
        return;
      }
      seen.put(in.eventId, Boolean.TRUE);
    }
    if (in.at > ctx.timerService().currentWatermark()) {
      AgentInput[] waiting = pending.get(in.at);
      AgentInput[] more = waiting == null ? new AgentInput[] {in} : Arrays.copyOf(waiting, waiting.length + 1);
      more[more.length - 1] = in;
      pending.put(in.at, more);
      ctx.timerService().registerEventTimeTimer(in.at);
    } else {
      apply(in, ctx, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AgentTimeRow> out) throws Exception {
    AgentInput[] due = pending.get(timestamp);
    if (due != null) {
      pending.remove(timestamp);
      for (AgentInput in : due) {
        apply(in, ctx, out);
      }
    }
    Long next = tick.value();
    if (next != null && next == timestamp) {
      tick.clear();
      AgentClockState s = agent.value();
      emit(clock.advance(s, timestamp), out);
      agent.update(s);
      scheduleOrForget(s, ctx);
    }
  }

  private void apply(AgentInput in, Context ctx, Collector<AgentTimeRow> out) throws Exception {
    AgentClockState s = agent.value();
    if (s == null) {
      s = clock.start(in.tenantId, in.agentId, in.at);
    }
    emit(clock.advance(s, Math.max(in.at, s.accountedTo)), out);
    if (in.state != null) {
      AgentClock.presence(s, in.state);
    } else if (in.legDelta > 0) {
      AgentClock.legOpened(s);
    } else {
      AgentClock.legClosed(s);
    }
    agent.update(s);
    scheduleOrForget(s, ctx);
  }

  /** A timer at the next boundary while time accrues or an interval holds some; else forget. */
  private void scheduleOrForget(AgentClockState s, Context ctx) throws Exception {
    if (s.dormant() && !clock.holdsTime(s)) {
      Long next = tick.value();
      if (next != null) {
        if (pending.get(next) == null) { // the same timer may also be due for buffered inputs
          ctx.timerService().deleteEventTimeTimer(next);
        }
        tick.clear();
      }
      agent.clear();
      return;
    }
    if (tick.value() == null) {
      long next = clock.nextBoundary(s);
      ctx.timerService().registerEventTimeTimer(next);
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
