package io.ccpulse.pipeline.burnout;

import com.fasterxml.jackson.databind.util.RawValue;
import io.ccpulse.pipeline.json.Json;

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
    return Json.write(
        Json.object()
            .put("tenant_id", tenantId)
            .put("agent_id", agentId)
            .put("at", Json.time(at))
            .put("from", from == null ? null : from.name())
            .put("to", to == null ? null : to.name())
            .put("score", score)
            // Already JSON, written by Assessment#factorsJson.
            .putRawValue("factors", new RawValue(factors)));
  }

  @Override
  public String toString() {
    return tenantId + "/" + agentId + " @" + at + " " + from + "->" + to + " " + score;
  }
}
