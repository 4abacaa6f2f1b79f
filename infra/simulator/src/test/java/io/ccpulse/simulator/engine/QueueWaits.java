package io.ccpulse.simulator.engine;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The waits of one queue, read from events in event-time order: when each began and how it ended.
 */
final class QueueWaits {
  /** One wait: QUEUED at {@code queuedAt}, then answered or abandoned at {@code endedAt}. */
  record Wait(long queuedAt, long endedAt, boolean abandoned) {
    long millis() {
      return endedAt - queuedAt;
    }
  }

  private final List<Wait> waits = new ArrayList<>();

  QueueWaits(List<SpecificRecord> events, String queueId) {
    Map<String, Long> open = new HashMap<>();
    for (SpecificRecord e : events) {
      if (!(e instanceof InteractionEvent i)) {
        continue;
      }
      long t = i.getOccurredAt().toEpochMilli();
      if (i.getType() == InteractionType.QUEUED && queueId.equals(i.getQueueId())) {
        open.put(i.getInteractionId(), t);
      } else if (i.getType() == InteractionType.ANSWERED
          || i.getType() == InteractionType.ABANDONED) {
        // A direct transfer's ANSWERED has no wait open: remove() finds nothing.
        Long queuedAt = open.remove(i.getInteractionId());
        if (queuedAt != null) {
          waits.add(new Wait(queuedAt, t, i.getType() == InteractionType.ABANDONED));
        }
      }
    }
  }

  /** Waits that began in [from, to). */
  List<Wait> queuedIn(long from, long to) {
    return waits.stream().filter(w -> w.queuedAt() >= from && w.queuedAt() < to).toList();
  }

  /** Waits answered (not abandoned) in [from, to). */
  List<Wait> answeredIn(long from, long to) {
    return waits.stream()
        .filter(w -> !w.abandoned() && w.endedAt() >= from && w.endedAt() < to)
        .toList();
  }

  static double abandonShare(List<Wait> ws) {
    return ws.stream().filter(Wait::abandoned).count() / (double) ws.size();
  }

  static double meanSeconds(List<Wait> ws) {
    return ws.stream().mapToLong(Wait::millis).average().orElse(0) / 1000;
  }
}
