package io.ccpulse.simulator.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of simulated time in which one queue loses its staff, as in a team meeting or a system
 * outage: every agent who serves the queue goes NOT_READY (once free of its contacts) and takes no
 * contacts until the stretch ends, while customers keep arriving. It lets a test see live
 * queue-health alerts raised and cleared.
 *
 * <p>Text form ({@code --understaff}): {@code [QUEUE_ID]@START[+LENGTH]}, e.g. {@code
 * t01.voice.sales@2h}, {@code t01.voice.support@2h+45m}, or {@code @90m} for the default queue.
 *
 * @param queueId the queue as it appears in events ({@code t01.voice.support}), or {@code null} for
 *     the default: the first tenant's main voice queue (see {@link Scenario#understaffing()})
 * @param offset when the stretch starts, from the start of the simulation
 * @param length how long it lasts
 */
public record Understaffing(String queueId, Duration offset, Duration length) {
  public static final Duration DEFAULT_LENGTH = Duration.ofMinutes(30);

  public Understaffing {
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(length, "length");
    if (queueId != null && queueId.isBlank()) {
      queueId = null;
    }
    if (offset.isNegative()) {
      throw new IllegalArgumentException(
          "understaffing cannot start before the simulation: " + offset);
    }
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("understaffing length must be positive: " + length);
    }
  }

  /** The default queue, {@link #DEFAULT_LENGTH} from {@code offset}. */
  public static Understaffing at(Duration offset) {
    return new Understaffing(null, offset, DEFAULT_LENGTH);
  }

  /**
   * Parses {@code [QUEUE_ID]@START[+LENGTH]}; START and LENGTH are durations as {@link
   * Values#duration} reads them.
   */
  public static Understaffing parse(String text) {
    String s = text.trim();
    int at = s.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(
          "expected QUEUE_ID@START[+LENGTH], or @START[+LENGTH] for the default queue"
              + " (e.g. t01.voice.support@2h+30m), got '"
              + text
              + "'");
    }
    String when = s.substring(at + 1);
    int plus = when.indexOf('+');
    Duration offset = Values.duration(plus < 0 ? when : when.substring(0, plus));
    Duration length = plus < 0 ? DEFAULT_LENGTH : Values.duration(when.substring(plus + 1));
    return new Understaffing(s.substring(0, at).trim(), offset, length);
  }

  /**
   * Checks the stretch against a scenario's window and queues and names the default queue (queue
   * ids depend only on the counts, so no layout is built).
   */
  Understaffing resolve(Duration window, int tenants, int queuesPerTenant, boolean erlangA) {
    if (offset.compareTo(window) >= 0) {
      throw new IllegalArgumentException(
          "understaffing must start within the arrival window (" + window + "), not at " + offset);
    }
    if (queueId == null) {
      return withQueue(LayoutFactory.mainVoiceQueue(erlangA));
    }
    List<String> ids = LayoutFactory.queueIds(tenants, queuesPerTenant, erlangA);
    if (!ids.contains(queueId)) {
      List<String> shown = ids.size() > 12 ? ids.subList(0, 12) : ids;
      throw new IllegalArgumentException(
          "understaffing: no queue '"
              + queueId
              + "' (queues: "
              + String.join(", ", shown)
              + (ids.size() > shown.size() ? ", ..." : "")
              + ")");
    }
    return this;
  }

  /** The same stretch on another queue. */
  public Understaffing withQueue(String id) {
    return new Understaffing(id, offset, length);
  }

  /** The text form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return (queueId == null ? "" : queueId) + "@" + compact(offset) + "+" + compact(length);
  }

  private static String compact(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long h = d.toHours();
    int m = d.toMinutesPart();
    int sec = d.toSecondsPart();
    int ms = d.toMillisPart();
    sb.append(h > 0 ? h + "h" : "")
        .append(m > 0 ? m + "m" : "")
        .append(sec > 0 ? sec + "s" : "")
        .append(ms > 0 ? ms + "ms" : "");
    return sb.toString();
  }
}
