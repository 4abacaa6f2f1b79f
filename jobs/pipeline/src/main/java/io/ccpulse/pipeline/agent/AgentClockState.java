package io.ccpulse.pipeline.agent;

import io.ccpulse.events.AgentState;

/** An agent's presence, open legs and the intervals being filled. A Flink POJO. */
public class AgentClockState {
  public String tenantId;
  public String agentId;

  /** Null while logged out. */
  public AgentState state;

  public int openLegs;

  /** Time up to which time has been attributed; -1 before the first input. */
  public long accountedTo = -1;

  /** Per interval size (in the order configured): the open interval's start and what it holds. */
  public long[] intervalStart;

  public AgentTime[] filling;

  /** When the last input (presence change, leg edge) was applied: a long silence logs out. */
  public long lastInputAt;

  public AgentClockState() {}

  /** Nothing can accumulate until the next input: logged out, no leg open. */
  public boolean dormant() {
    return state == null && openLegs == 0;
  }
}
