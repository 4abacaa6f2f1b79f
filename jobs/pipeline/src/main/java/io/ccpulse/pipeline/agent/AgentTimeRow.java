package io.ccpulse.pipeline.agent;

/** One agent's time in one interval: a row of agent_time. */
public class AgentTimeRow {
  public String tenantId;
  public String agentId;
  public long intervalSizeSeconds;
  public long intervalStart;
  public AgentTime time;
  public long version;

  public AgentTimeRow() {}

  @Override
  public String toString() {
    return tenantId
        + "/"
        + agentId
        + " @"
        + intervalStart
        + "+"
        + intervalSizeSeconds
        + "s logged="
        + time.loggedInMs
        + " avail="
        + time.availableMs
        + " busy="
        + time.busyMs
        + " idle="
        + time.availableIdleMs;
  }
}
