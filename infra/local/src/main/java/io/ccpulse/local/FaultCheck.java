package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.simulator.output.BadRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every bad record the simulator injected is in rejected_events, found by its Kafka position
 * (topic, partition, offset) under the reason it was injected for; and nothing else is there.
 * Counting per reason would let the wrong records, rejected in the right number, pass.
 */
public final class FaultCheck {
  private FaultCheck() {}

  /** One rejection as the pipeline records it (or as the simulator expects it). */
  public record Rejection(String topic, int partition, long offset, String reason) {
    static Rejection of(BadRecord b) {
      return new Rejection(b.topic(), b.partition(), b.offset(), b.reason().name());
    }

    String position() {
      return topic + "/" + partition + "@" + offset;
    }
  }

  /** Rejections expected but absent, present but not injected, and found under another reason. */
  public record Report(
      List<Rejection> expected,
      List<String> missing,
      List<String> extra,
      List<String> wrongReason) {
    public boolean allAccountedFor() {
      return missing.isEmpty() && extra.isEmpty() && wrongReason.isEmpty();
    }

    public int expectedTotal() {
      return expected.size();
    }

    /** Expected rejections by topic and reason, e.g. {ccpulse.interactions={TOO_LATE=12, ...}}. */
    public Map<String, Map<String, Long>> expectedByReason() {
      Map<String, Map<String, Long>> m = new TreeMap<>();
      expected.forEach(
          r -> m.computeIfAbsent(r.topic(), t -> new TreeMap<>()).merge(r.reason(), 1L, Long::sum));
      return m;
    }

    /** e.g. "3 missing, 1 not injected, 2 under another reason; first: ...". */
    public String problems() {
      List<String> first = new ArrayList<>();
      first.addAll(missing);
      first.addAll(wrongReason);
      first.addAll(extra);
      return String.format(
          "%,d missing, %,d not injected, %,d under another reason; first: %s",
          missing.size(),
          extra.size(),
          wrongReason.size(),
          first.subList(0, Math.min(10, first.size())));
    }
  }

  public static Report check(List<BadRecord> injected, ClickHouseEndpoint endpoint)
      throws SQLException {
    List<Rejection> found = new ArrayList<>();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT source_topic, source_partition, source_offset, reason FROM rejected_events FINAL")) {
      while (rs.next()) {
        found.add(new Rejection(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4)));
      }
    }
    return compare(injected.stream().map(Rejection::of).toList(), found);
  }

  /** The comparison itself, on rejections already read (so it can be tested without a cluster). */
  public static Report compare(List<Rejection> expected, List<Rejection> found) {
    // By position: a record may be rejected once. A second rejection of one position is extra.
    Map<String, Rejection> unmatched = new LinkedHashMap<>();
    expected.forEach(r -> unmatched.put(r.position(), r));
    List<String> extra = new ArrayList<>();
    List<String> wrongReason = new ArrayList<>();
    for (Rejection r : found) {
      Rejection injected = unmatched.remove(r.position());
      if (injected == null) {
        extra.add(r.position() + " " + r.reason() + " (not injected, or rejected twice)");
      } else if (!injected.reason().equals(r.reason())) {
        wrongReason.add(
            r.position() + " " + r.reason() + " (injected as " + injected.reason() + ")");
      }
    }
    List<String> missing =
        unmatched.values().stream().map(r -> r.position() + " " + r.reason()).toList();
    return new Report(expected, missing, extra, wrongReason);
  }
}
