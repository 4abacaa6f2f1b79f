package io.ccpulse.pipeline.agent;

import io.ccpulse.pipeline.source.TimeOrder;
import java.util.Arrays;

/**
 * What agent time keeps for one agent, in one keyed state (one look-up and one write per input or
 * timer firing, where four states cost one or two each): the agent's clock, its next boundary, the
 * inputs held for their time (in time order, a moment's in the order they came) and the moment the
 * timer for held inputs is set for. The recent event ids are kept apart: they expire by themselves.
 * A Flink POJO.
 */
public class KeptAgentTime {
  public static final long NONE = Long.MIN_VALUE;

  /** The agent's presence, open legs and filling intervals; null while dormant and forgotten. */
  public AgentClockState clock;

  /** The next boundary, with a timer; {@link #NONE} without one. */
  public long tick = NONE;

  public AgentInput[] held = NONE_HELD;

  /** The moment the held inputs' timer is set for (the first held); {@link #NONE} if none. */
  public long heldTimerAt = NONE;

  static final AgentInput[] NONE_HELD = new AgentInput[0];

  public KeptAgentTime() {}

  boolean isEmpty() {
    return clock == null && tick == NONE && held.length == 0;
  }

  /** Holds {@code in} after every input of its moment or earlier. */
  void hold(AgentInput in) {
    held = TimeOrder.insert(held, in, i -> i.at);
  }

  /** The first moment held, or {@link #NONE}. */
  long firstHeld() {
    return held.length == 0 ? NONE : held[0].at;
  }

  /** The inputs held for the first moment, removed, in the order they came. */
  AgentInput[] takeFirst() {
    int n = 0;
    while (n < held.length && held[n].at == held[0].at) {
      n++;
    }
    AgentInput[] due = Arrays.copyOf(held, n);
    held = n == held.length ? NONE_HELD : Arrays.copyOfRange(held, n, held.length);
    return due;
  }

  /** Whether inputs are held for {@code at}. */
  boolean holds(long at) {
    for (AgentInput in : held) {
      if (in.at >= at) {
        return in.at == at;
      }
    }
    return false;
  }
}
