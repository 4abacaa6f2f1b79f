package io.ccpulse.pipeline.source;

import java.util.HashMap;
import java.util.Map;

/**
 * One String for each id that recurs from event to event (tenant, queue, agent, wrap-up code),
 * among the events one task decodes. Every event decoded brings new copies of them; kept in state
 * (a contact's events, its legs and facts, interval keys) each copy costs memory the collector
 * moves, and each new copy computes its hash again where a shared one has it cached. Bounded: past
 * {@link #LIMIT} ids it starts over, so no input can grow it without bound.
 */
final class RepeatedIds {
  static final int LIMIT = 1 << 16;

  private final Map<String, String> ids = new HashMap<>();

  /** The one copy of {@code id} (null stays null). */
  String of(String id) {
    if (id == null) {
      return null;
    }
    String kept = ids.putIfAbsent(id, id);
    if (kept != null) {
      return kept;
    }
    if (ids.size() > LIMIT) {
      ids.clear();
    }
    return id;
  }

  int size() {
    return ids.size();
  }
}
