package io.ccpulse.pipeline.burnout;

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
 * The states in which releases before {@link KeptAgent} kept an agent's shift: the shift, its next
 * boundary and the inputs waiting for their time, each its own. Still declared, so a savepoint of
 * such a release restores: an agent found there is moved into the one state the first time its key
 * is seen again, by an input or by one of its timers (the old ones stay set and fire as before).
 */
final class ShiftStatesBefore {
  final ValueState<ShiftState> shift;
  final ValueState<Long> tick;
  final MapState<Long, BurnoutInput[]> pending;

  ShiftStatesBefore(RuntimeContext context) {
    shift =
        context.getState(new ValueStateDescriptor<>("shift", TypeInformation.of(ShiftState.class)));
    tick = context.getState(new ValueStateDescriptor<>("tick", Types.LONG));
    pending =
        context.getMapState(
            new MapStateDescriptor<>(
                "pending", Types.LONG, Types.OBJECT_ARRAY(TypeInformation.of(BurnoutInput.class))));
  }

  /**
   * The current key's agent as the old states kept it, which are then cleared; null if they have
   * nothing. A boundary found there keeps the timer it had, if it had one.
   */
  KeptAgent take() throws Exception {
    ShiftState s = shift.value();
    Long next = tick.value();
    TreeMap<Long, BurnoutInput[]> byTime = TimeOrder.byTime(pending);
    if (s == null && next == null && byTime.isEmpty()) {
      return null;
    }
    KeptAgent kept = new KeptAgent();
    kept.shift = s;
    kept.tick = next == null ? KeptAgent.NONE : next;
    kept.waiting = TimeOrder.concat(byTime.values(), Waiting.NONE);
    shift.clear();
    tick.clear();
    pending.clear();
    return kept;
  }
}
