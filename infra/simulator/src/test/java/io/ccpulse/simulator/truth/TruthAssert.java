package io.ccpulse.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Finds truth rows by interval and entity and checks all their figures at once. */
final class TruthAssert {
  private final List<TruthRow> rows;
  private final String day;

  TruthAssert(List<TruthRow> rows, String day) {
    this.rows = rows;
    this.day = day;
  }

  /** The row, or null. {@code id} is the agent for AGENT/AGENT_TIME, the queue for QUEUE. */
  TruthRow find(int sizeSeconds, String time, EntityKind kind, String id, Channel channel) {
    Instant start = Instant.parse(day + "T" + time + "Z");
    for (TruthRow r : rows) {
      if (r.intervalSize().equals(Duration.ofSeconds(sizeSeconds))
          && r.intervalStart().equals(start)
          && r.kind() == kind
          && Objects.equals(id, kind == EntityKind.QUEUE ? r.queueId() : r.agentId())
          && r.channel() == channel) {
        return r;
      }
    }
    return null;
  }

  /** Asserts the row exists and its figures are exactly these (every other figure 0). */
  void row(
      int sizeSeconds,
      String time,
      EntityKind kind,
      String id,
      Channel channel,
      Object... figures) {
    TruthRow r = find(sizeSeconds, time, kind, id, channel);
    assertThat(r).as("row %ss %s %s %s %s", sizeSeconds, time, kind, id, channel).isNotNull();
    Map<String, Long> expected = new LinkedHashMap<>();
    for (Figure f : kind.figures()) {
      expected.put(f.column(), 0L);
    }
    for (int i = 0; i < figures.length; i += 2) {
      String column = (String) figures[i];
      assertThat(expected).as("figure %s of %s", column, kind).containsKey(column);
      expected.put(column, ((Number) figures[i + 1]).longValue());
    }
    assertThat(r.figures()).as("%s", r).isEqualTo(expected);
  }

  void noRow(int sizeSeconds, String time, EntityKind kind, String id, Channel channel) {
    assertThat(find(sizeSeconds, time, kind, id, channel))
        .as("no row %ss %s %s %s", sizeSeconds, time, kind, id)
        .isNull();
  }
}
