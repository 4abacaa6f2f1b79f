package io.ccpulse.simulator.truth;

import io.ccpulse.events.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every entity the truth has figures for, created on first use. */
final class Entities {
  private record Key(
      EntityKind kind, String tenantId, String agentId, String queueId, Channel channel) {}

  private final long[] sizes;
  private final long[] intervalSizes;
  private final long[] agentTimeSizes;
  private final long[] agentSizes;
  private final Map<Key, Entity> entities = new HashMap<>();
  private final Map<Key, AgentClock> clocks = new HashMap<>();

  /**
   * @param sizes every size figures are kept for
   * @param intervalSizes of them, those with rows of the interval kinds
   * @param agentTimeSizes of them, those with agent-time rows
   * @param agentSizes of the interval sizes, those with agents' rows
   */
  Entities(long[] sizes, long[] intervalSizes, long[] agentTimeSizes, long[] agentSizes) {
    this.sizes = sizes;
    this.intervalSizes = intervalSizes;
    this.agentTimeSizes = agentTimeSizes;
    this.agentSizes = agentSizes;
  }

  Entity agent(String tenantId, String agentId, Channel channel) {
    return get(new Key(EntityKind.AGENT, tenantId, agentId, null, channel));
  }

  Entity queue(String tenantId, String queueId, Channel channel) {
    return get(new Key(EntityKind.QUEUE, tenantId, null, queueId, channel));
  }

  Entity tenantChannel(String tenantId, Channel channel) {
    return get(new Key(EntityKind.TENANT_CHANNEL, tenantId, null, null, channel));
  }

  AgentClock clock(String tenantId, String agentId) {
    return clocks.computeIfAbsent(
        new Key(EntityKind.AGENT_TIME, tenantId, agentId, null, null),
        k -> new AgentClock(get(k), sizes));
  }

  /** Credits every agent's time up to {@code time}. */
  void advanceClocks(long time) {
    for (AgentClock c : clocks.values()) {
      c.advance(time);
    }
  }

  /**
   * Every row with data in {@link TruthRow#ORDER}, built in order rather than sorted afterwards
   * (sorting the rows was most of the truth's cost): sizes ascending, then interval starts, then
   * entities in their order.
   */
  List<TruthRow> rows() {
    List<Entity> sorted = new ArrayList<>(entities.values());
    sorted.sort(Entity::compare);
    List<TruthRow> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      TreeMap<Long, List<TruthRow>> byStart = new TreeMap<>();
      long size = sizes[i];
      for (Entity e : sorted) {
        long[] kept =
            switch (e.kind) {
              case AGENT_TIME -> agentTimeSizes;
              case AGENT -> agentSizes;
              default -> intervalSizes;
            };
        if (java.util.Arrays.stream(kept).anyMatch(k -> k == size)) {
          e.rows(i, byStart);
        }
      }
      byStart.values().forEach(out::addAll);
    }
    return out;
  }

  private Entity get(Key k) {
    Entity e = entities.get(k);
    if (e == null) {
      e = new Entity(k.kind(), k.tenantId(), k.agentId(), k.queueId(), k.channel(), sizes);
      entities.put(k, e);
    }
    return e;
  }
}
