package io.ccpulse.pipeline.interval;

import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactStreams;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Interval figures per agent, queue and tenant×channel: event-time tumbling windows of each
 * configured size ({@link IntervalWindows}), fed sums made before the shuffle ({@link
 * IntervalSums}), so an interval holds one {@link IntervalFigures}, never its facts. A fact
 * arriving within the allowed lateness sends its interval's row again, corrected, with a higher
 * version.
 */
public final class IntervalMetrics {
  /** Facts later than the allowed lateness of their window: should not happen, never silent. */
  public static final OutputTag<EntityFigures> TOO_LATE = new OutputTag<>("interval-too-late") {};

  private IntervalMetrics() {}

  /**
   * Rows for every size, agents' only at {@code agentSizes} (of {@code sizes}); the late facts of
   * each size are in that size's side output.
   */
  public static List<SingleOutputStreamOperator<IntervalRow>> build(
      FactStreams facts,
      List<Duration> sizes,
      List<Duration> agentSizes,
      Thresholds thresholds,
      Duration allowedLateness) {
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("metrics.intervals must name at least one size");
    }
    if (!sizes.containsAll(agentSizes)) {
      throw new IllegalArgumentException(
          "metrics.agent-intervals " + agentSizes + " must be sizes of metrics.intervals " + sizes);
    }
    return sizes.stream()
        .map(
            size -> {
              boolean agents = agentSizes.contains(size);
              String s = size.toSeconds() + "s";
              return facts
                  .each(
                      "interval-sums-" + s,
                      "sums for " + s + " intervals",
                      f ->
                          f.transform(
                              "sums",
                              new EntityFiguresSerializer.Type(),
                              new IntervalSums(size, agents, thresholds)))
                  .keyBy(EntityFigures::key)
                  .transform(
                      "intervals " + s,
                      TypeInformation.of(IntervalRow.class),
                      new IntervalWindows(size, allowedLateness))
                  .uid("interval-" + s);
            })
        .toList();
  }

  /** A fact too late for its window, as a rejection (it has no Kafka position of its own). */
  public static RejectedEvent rejection(EntityFigures late) {
    // Only a fact that came after its interval had closed can be too late for it; it comes alone.
    ContactFact f = late.fact;
    RejectedEvent r =
        RejectedEvent.of(
            io.ccpulse.events.RejectReason.TOO_LATE,
            f.kind
                + " of "
                + f.interactionId
                + " for "
                + late.kind
                + " "
                + late.entityId
                + " arrived after its interval closed",
            "",
            -1,
            -1,
            new byte[0],
            System.currentTimeMillis());
    r.eventType = "ContactFact." + f.kind;
    r.tenantId = f.tenantId;
    r.eventId = f.interactionId + "/" + f.kind + "/" + late.kind + "/" + late.entityId + "/" + f.at;
    r.occurredAt = f.at;
    return r;
  }
}
