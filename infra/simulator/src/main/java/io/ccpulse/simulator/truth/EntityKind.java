package io.ccpulse.simulator.truth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a truth row describes, with the figures it carries. Names are the {@code kind} in the files.
 */
public enum EntityKind {
  /** Keyed by (tenant_id, agent_id, channel): leg and CSAT figures. */
  AGENT(EnumSet.of(Figure.Group.LEG, Figure.Group.CSAT)),
  /**
   * Keyed by (tenant_id, agent_id): logged-in, available, busy and idle time, split by wall time.
   */
  AGENT_TIME(EnumSet.of(Figure.Group.AGENT_TIME)),
  /**
   * Keyed by (tenant_id, queue_id), with the queue's channel: leg, queue-outcome and CSAT figures.
   */
  QUEUE(EnumSet.of(Figure.Group.LEG, Figure.Group.QUEUE, Figure.Group.CSAT)),
  /** Keyed by (tenant_id, channel): leg, queue-outcome and CSAT figures. */
  TENANT_CHANNEL(EnumSet.of(Figure.Group.LEG, Figure.Group.QUEUE, Figure.Group.CSAT));

  private final List<Figure> figures;

  /** Position of each figure (by ordinal) in {@link #figures}, or -1. */
  private final int[] index = new int[Figure.ALL.size()];

  EntityKind(Set<Figure.Group> groups) {
    this.figures = Figure.ALL.stream().filter(f -> groups.contains(f.group())).toList();
    Arrays.fill(index, -1);
    for (int i = 0; i < figures.size(); i++) {
      index[figures.get(i).ordinal()] = i;
    }
  }

  /** The figures rows of this kind carry, in file order. */
  public List<Figure> figures() {
    return figures;
  }

  /** The figure's position in {@link #figures()}, or -1 if this kind does not carry it. */
  public int indexOf(Figure f) {
    return index[f.ordinal()];
  }
}
