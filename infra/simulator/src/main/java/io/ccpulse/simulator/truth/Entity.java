package io.ccpulse.simulator.truth;

import io.ccpulse.events.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entity's running figures, per interval size, one bucket per interval. Input arrives in event
 * time, so a bucket is nearly always the newest one: a {@link Series} appended in start order.
 */
final class Entity {
  final EntityKind kind;
  final String tenantId;
  final String agentId;
  final String queueId;
  final Channel channel;
  private final long[] sizes;
  private final Series[] series;

  Entity(
      EntityKind kind,
      String tenantId,
      String agentId,
      String queueId,
      Channel channel,
      long[] sizes) {
    this.kind = kind;
    this.tenantId = tenantId;
    this.agentId = agentId;
    this.queueId = queueId;
    this.channel = channel;
    this.sizes = sizes;
    this.series = new Series[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      series[i] = new Series(kind.figures().size());
    }
  }

  /** Adds {@code value} to the figure in the interval of every size that contains {@code time}. */
  void add(Figure figure, long time, long value) {
    if (value == 0) {
      return;
    }
    int f = kind.indexOf(figure);
    for (int i = 0; i < sizes.length; i++) {
      Series s = series[i];
      // The offset first: finding the bucket may grow the array.
      int at = s.bucket(Math.floorDiv(time, sizes[i]) * sizes[i]) + f;
      s.values()[at] += value;
    }
  }

  /** Raises the figure to at least {@code value} in the intervals containing {@code time}. */
  void max(Figure figure, long time, long value) {
    int f = kind.indexOf(figure);
    for (int i = 0; i < sizes.length; i++) {
      Series s = series[i];
      int at = s.bucket(Math.floorDiv(time, sizes[i]) * sizes[i]) + f;
      s.values()[at] = Math.max(s.values()[at], value);
    }
  }

  /** Adds to one interval of one size (used when splitting time across boundaries). */
  void addTo(int sizeIndex, long intervalStart, Figure figure, long value) {
    if (value != 0) {
      Series s = series[sizeIndex];
      int at = s.bucket(intervalStart) + kind.indexOf(figure);
      s.values()[at] += value;
    }
  }

  /**
   * Rows of one interval size with a non-zero figure, appended to the list of their interval start.
   */
  void rows(int sizeIndex, Map<Long, List<TruthRow>> byStart) {
    Duration size = Duration.ofMillis(sizes[sizeIndex]);
    Series s = series[sizeIndex];
    for (int i = 0; i < s.size(); i++) {
      if (s.hasData(i)) {
        long start = s.start(i);
        TruthRow row =
            new TruthRow(
                size,
                Instant.ofEpochMilli(start),
                kind,
                tenantId,
                agentId,
                queueId,
                channel,
                s.figures(i));
        byStart.computeIfAbsent(start, k -> new ArrayList<>()).add(row);
      }
    }
  }

  /**
   * Entity order within an interval: kind, tenant, agent, queue, channel (as {@link
   * TruthRow#ORDER}).
   */
  static int compare(Entity a, Entity b) {
    int c = a.kind.compareTo(b.kind);
    if (c == 0) {
      c = a.tenantId.compareTo(b.tenantId);
    }
    if (c == 0) {
      c = nullable(a.agentId, b.agentId);
    }
    if (c == 0) {
      c = nullable(a.queueId, b.queueId);
    }
    if (c == 0 && a.channel != b.channel) {
      c = a.channel == null ? -1 : b.channel == null ? 1 : a.channel.compareTo(b.channel);
    }
    return c;
  }

  private static int nullable(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }
}
