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
    if (edge.due(s, s.knownAt, ctx.timerService())) {
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
    // Any event-time timer of the agent (the edge's one at its earliest input held, the silence)
    // takes every moment the edge has passed, in the order one timer per moment fired them: each
    // moment's inputs (one may end the silence or move it), then a silence at that moment.
    long now = edge.now(ctx.timerService().currentWatermark());
    List<Long> moments = edge.dueMoments(now, ctx.timerService());
    int next = 0;
    while (true) {
      Long silent = silentAt.value();
      Long quietFrom = silent == null ? null : edge.now(silent);
      if (next < moments.size() && (quietFrom == null || moments.get(next) <= quietFrom)) {
        apply(edge.take(moments.get(next++)), ctx, out);
      } else if (quietFrom != null && quietFrom <= now) {
        AgentPresence p = agent.value();
        if (p != null) {
          List<QueueSignal> changes = new ArrayList<>();
          p.forget(quietFrom, changes);
          changes.forEach(out::collect);
        }
        agent.clear();
        silentAt.clear();
      } else {
        return;
      }
    }
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
      int told = changes.size();
      p.apply(s, changes);
      for (QueueSignal change : changes.subList(told, changes.size())) {
        change.knownAt = s.knownAt;
      }
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
