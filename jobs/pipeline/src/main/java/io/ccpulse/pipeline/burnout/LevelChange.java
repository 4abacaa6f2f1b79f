package io.ccpulse.pipeline.burnout;

import static io.ccpulse.pipeline.json.JsonText.quote;

import io.ccpulse.pipeline.json.JsonText;

/**
 * An agent's level changed: for a supervisor tool to react (Kafka) and for the record (ClickHouse).
 */
public class LevelChange {
  public String tenantId;
  public String agentId;
  public long at;
  public Level from;
  public Level to;
  public int score;
  public String factors;
  public long version;

  public LevelChange() {}

  /** The Kafka message: one JSON object. */
  public String toJson() {
    return "{\"tenant_id\":"
        + quote(tenantId)
        + ",\"agent_id\":"
        + quote(agentId)
        + ",\"at\":"
        + JsonText.time(at)
        + ",\"from\":\""
        + from
        + "\",\"to\":\""
        + to
        + "\",\"score\":"
        + score
        + ",\"factors\":"
        + factors
        + "}";
  }

  @Override
  public String toString() {
    return tenantId + "/" + agentId + " @" + at + " " + from + "->" + to + " " + score;
  }
}
