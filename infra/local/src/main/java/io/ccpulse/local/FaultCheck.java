package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.events.RejectReason;
import io.ccpulse.simulator.faults.FaultSummary;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.TopicNames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Every bad event the simulator injected, found in rejected_events under its topic and reason. */
public final class FaultCheck {
  private FaultCheck() {}

  /** Expected and found counts, by topic then reason. */
  public record Report(Map<String, Map<RejectReason, Long>> expected, Map<String, Map<RejectReason, Long>> found) {
    public boolean allAccountedFor() {
      return expected.equals(found);
    }

    public long expectedTotal() {
      return expected.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }
  }

  public static Report check(FaultSummary faults, TopicNames topics, ClickHouseEndpoint endpoint) throws SQLException {
    Map<String, Map<RejectReason, Long>> expected = new TreeMap<>();
    Map<String, Map<RejectReason, Long>> found = new TreeMap<>();
    for (EventStream stream : EventStream.values()) {
      expected.put(topics.of(stream), new EnumMap<>(faults.expectedRejections(stream)));
      found.put(topics.of(stream), new EnumMap<>(RejectReason.class));
    }
    try (Connection conn = endpoint.open(); Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT source_topic, reason, count() FROM rejected_events FINAL GROUP BY 1, 2")) {
      while (rs.next()) {
        found.computeIfAbsent(rs.getString(1), t -> new EnumMap<>(RejectReason.class))
            .put(RejectReason.valueOf(rs.getString(2)), rs.getLong(3));
      }
    }
    return new Report(expected, found);
  }
}
