package io.ccpulse.pipeline.burnout;

/** An agent's level changed: for a supervisor tool to react (Kafka) and for the record (ClickHouse). */
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
    return "{\"tenant_id\":" + quote(tenantId) + ",\"agent_id\":" + quote(agentId) + ",\"at\":"
        + quote(java.time.Instant.ofEpochMilli(at).toString()) + ",\"from\":\"" + from + "\",\"to\":\"" + to
        + "\",\"score\":" + score + ",\"factors\":" + factors + "}";
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public String toString() {
    return tenantId + "/" + agentId + " @" + at + " " + from + "->" + to + " " + score;
  }
}
