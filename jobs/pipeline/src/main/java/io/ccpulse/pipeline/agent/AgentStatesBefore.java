package io.ccpulse.pipeline.agent;

import io.ccpulse.pipeline.source.TimeOrder;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The states in which releases before {@link KeptAgentTime} kept an agent: its clock, the inputs
 * held by moment, the first moment held and the next boundary, each its own. Still declared, so a
 * savepoint of such a release restores: an agent found there is moved into the one state the first
 * time its key is seen again, by an input or by one of its timers (the old ones stay set and fire
 * as before).
 */
final class AgentStatesBefore {
  final ValueState<AgentClockState> agent;
  final MapState<Long, AgentInput[]> pending;
  final ValueState<Long> pendingFrom;
  final ValueState<Long> tick;

  AgentStatesBefore(RuntimeContext context) {
    agent =
        context.getState(
            new ValueStateDescriptor<>("agent", TypeInformation.of(AgentClockState.class)));
    pending =
        context.getMapState(
            new MapStateDescriptor<>(
                "pending", Types.LONG, Types.OBJECT_ARRAY(TypeInformation.of(AgentInput.class))));
    pendingFrom = context.getState(new ValueStateDescriptor<>("pending-from", Types.LONG));
    tick = context.getState(new ValueStateDescriptor<>("tick", Types.LONG));
  }

  /**
   * The current key's agent as the old states kept it, which are then cleared; null if they have
   * nothing. The boundary and the first moment held keep the timers they had.
   */
  KeptAgentTime take() throws Exception {
    AgentClockState clock = agent.value();
    Long next = tick.value();
    TreeMap<Long, AgentInput[]> byMoment = TimeOrder.byTime(pending);
    if (clock == null && next == null && byMoment.isEmpty()) {
      return null;
    }
    KeptAgentTime kept = new KeptAgentTime();
    kept.clock = clock;
    kept.tick = next == null ? KeptAgentTime.NONE : next;
    kept.held = TimeOrder.concat(byMoment.values(), KeptAgentTime.NONE_HELD);
    // Kept without a first moment by the builds before it, which set a timer per moment: any of
    // them takes what is due.
    Long from = pendingFrom.value();
    kept.heldTimerAt =
        from != null ? from : byMoment.isEmpty() ? KeptAgentTime.NONE : byMoment.firstKey();
    agent.clear();
    tick.clear();
    pending.clear();
    pendingFrom.clear();
    return kept;
  }
}
