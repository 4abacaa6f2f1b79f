package io.ccpulse.pipeline.queue;

import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by agent: presence changes and contact edges, in event-time order at the live edge, become
 * status changes for each queue the agent serves. An agent logged out with nothing open is
 * forgotten; one silent for {@code silence} is treated as logged out (a lost logout).
 */
public final class AgentAvailability
    extends KeyedProcessFunction<TenantKey, AgentSignal, QueueSignal> {
  private static final long serialVersionUID = 1L;

  private final LiveTiming timing;
  private final long silenceMs;
  private transient LiveEdge<AgentSignal> edge;
  private transient ValueState<AgentPresence> agent;
  private transient ValueState<Long> silentAt;

  public AgentAvailability(LiveTiming timing, Duration silence) {
    this.timing = timing;
    this.silenceMs = silence.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    edge = timing.edge(getRuntimeContext(), "held-agent-signals", AgentSignal.class);
    agent =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "agent-presence", TypeInformation.of(AgentPresence.class)));
    silentAt = getRuntimeContext().getState(new ValueStateDescriptor<>("silent-at", Types.LONG));
  }

  @Override
  public void processElement(AgentSignal s, Context ctx, Collector<QueueSignal> out)
      throws Exception {
    if (edge.due(s, s.at, ctx.timerService())) {
      apply(List.of(s), ctx, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueSignal> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) { // live: due by the wall clock
      apply(edge.releaseUpTo(edge.dueByWall(timestamp), ctx.timerService()), ctx, out);
      return;
    }
    long now = edge.now(ctx.timerService().currentWatermark());
    Long silent = silentAt.value();
    if (silent != null && edge.now(silent) <= now) {
      // The inputs up to the silence first (one may end it), then the silence, then the rest.
      apply(edge.releaseUpTo(edge.now(silent), ctx.timerService()), ctx, out);
      silent = silentAt.value();
      AgentPresence p = agent.value();
      if (silent != null && edge.now(silent) <= now && p != null) {
        List<QueueSignal> changes = new ArrayList<>();
        p.forget(edge.now(silent), changes);
        changes.forEach(out::collect);
        agent.clear();
        silentAt.clear();
      }
    }
    apply(edge.releaseUpTo(now, ctx.timerService()), ctx, out);
  }

  private void apply(List<AgentSignal> signals, Context ctx, Collector<QueueSignal> out)
      throws Exception {
    if (signals.isEmpty()) {
      return;
    }
    AgentPresence p = agent.value();
    List<QueueSignal> changes = new ArrayList<>();
    for (AgentSignal s : signals) {
      if (p == null) {
        p = AgentPresence.of(s.tenantId, s.agentId);
      }
      p.apply(s, changes);
    }
    changes.forEach(out::collect);
    Long silent = silentAt.value();
    if (silent != null && !edge.holdsFor(silent)) { // a timer shared with held inputs must stay
      ctx.timerService().deleteEventTimeTimer(silent);
    }
    if (p.dormant()) {
      agent.clear();
      silentAt.clear();
    } else {
      agent.update(p);
      long due = edge.timerFor(p.lastAt + silenceMs);
      ctx.timerService().registerEventTimeTimer(due);
      silentAt.update(due);
    }
  }
}
