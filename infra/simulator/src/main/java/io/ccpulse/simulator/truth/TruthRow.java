package io.ccpulse.simulator.truth;

import io.ccpulse.events.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of ground truth: an entity's figures in one interval. Keys that do not apply to the kind
 * are {@code null} (an AGENT_TIME row has no channel, a QUEUE row no agent).
 */
public final class TruthRow {
  /**
   * The file order: interval size, interval start, kind, tenant, agent, queue, channel (absent keys
   * first).
   */
  public static final Comparator<TruthRow> ORDER = TruthRow::compare;

  private final Duration intervalSize;
  private final Instant intervalStart;
  private final long sizeMs;
  private final long startMs;
  private final EntityKind kind;
  private final String tenantId;
  private final String agentId;
  private final String queueId;
  private final Channel channel;
  private final long[] values;

  /**
   * @param values one value per figure of the kind, in {@link EntityKind#figures()} order
   */
  public TruthRow(
      Duration intervalSize,
      Instant intervalStart,
      EntityKind kind,
      String tenantId,
      String agentId,
      String queueId,
      Channel channel,
      long[] values) {
    if (values.length != kind.figures().size()) {
      throw new IllegalArgumentException(
          kind + " has " + kind.figures().size() + " figures, got " + values.length);
    }
    this.intervalSize = Objects.requireNonNull(intervalSize);
    this.intervalStart = Objects.requireNonNull(intervalStart);
    this.sizeMs = intervalSize.toMillis();
    this.startMs = intervalStart.toEpochMilli();
    this.kind = Objects.requireNonNull(kind);
    this.tenantId = Objects.requireNonNull(tenantId);
    this.agentId = agentId;
    this.queueId = queueId;
    this.channel = channel;
    this.values = values.clone();
  }

  public Duration intervalSize() {
    return intervalSize;
  }

  public Instant intervalStart() {
    return intervalStart;
  }

  public Instant intervalEnd() {
    return intervalStart.plus(intervalSize);
  }

  public EntityKind kind() {
    return kind;
  }

  public String tenantId() {
    return tenantId;
  }

  /** The agent, for AGENT and AGENT_TIME rows. */
  public String agentId() {
    return agentId;
  }

  /** The queue, for QUEUE rows. */
  public String queueId() {
    return queueId;
  }

  /** The channel, for AGENT, QUEUE and TENANT_CHANNEL rows. */
  public Channel channel() {
    return channel;
  }

  /** The figure's value (0 for figures the kind does not carry). */
  public long get(Figure figure) {
    int i = kind.indexOf(figure);
    return i < 0 ? 0 : values[i];
  }

  /** The kind's figures by column name, in file order. */
  public Map<String, Long> figures() {
    Map<String, Long> m = new LinkedHashMap<>();
    List<Figure> figures = kind.figures();
    for (int i = 0; i < figures.size(); i++) {
      m.put(figures.get(i).column(), values[i]);
    }
    return m;
  }

  /** True if any figure is non-zero (only such rows are produced). */
  public boolean hasData() {
    for (long v : values) {
      if (v != 0) {
        return true;
      }
    }
    return false;
  }

  /** The entity's keys as text, e.g. {@code QUEUE t01/t01.voice.support VOICE}. */
  public String entity() {
    StringBuilder sb = new StringBuilder(kind.name()).append(' ').append(tenantId);
    if (agentId != null) {
      sb.append('/').append(agentId);
    }
    if (queueId != null) {
      sb.append('/').append(queueId);
    }
    if (channel != null) {
      sb.append(' ').append(channel);
    }
    return sb.toString();
  }

  // Hand-written rather than Comparator.comparing chains: sorting is most of the truth's cost.
  private static int compare(TruthRow a, TruthRow b) {
    int c = Long.compare(a.sizeMs, b.sizeMs);
    if (c == 0) {
      c = Long.compare(a.startMs, b.startMs);
    }
    if (c == 0) {
      c = a.kind.compareTo(b.kind);
    }
    if (c == 0) {
      c = a.tenantId.compareTo(b.tenantId);
    }
    if (c == 0) {
      c = compareNullable(a.agentId, b.agentId);
    }
    if (c == 0) {
      c = compareNullable(a.queueId, b.queueId);
    }
    if (c == 0 && a.channel != b.channel) {
      c = a.channel == null ? -1 : b.channel == null ? 1 : a.channel.compareTo(b.channel);
    }
    return c;
  }

  private static int compareNullable(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TruthRow r
        && intervalSize.equals(r.intervalSize)
        && intervalStart.equals(r.intervalStart)
        && kind == r.kind
        && tenantId.equals(r.tenantId)
        && Objects.equals(agentId, r.agentId)
        && Objects.equals(queueId, r.queueId)
        && channel == r.channel
        && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(intervalSize, intervalStart, kind, tenantId, agentId, queueId, channel) * 31
        + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return intervalSize.toSeconds() + "s " + intervalStart + " " + entity() + " " + figures();
  }
}
