package io.ccpulse.local.bench;

import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.Fault;
import io.ccpulse.simulator.output.RecordSink;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * Passes records to Kafka and notes, per partition, when the watermark could pass each interval
 * end.
 *
 * <p>The job's watermark on a partition is the largest event time read there minus the
 * out-of-orderness bound (minus 1 ms), and a window [start, end) fires once it reaches end − 1 ms:
 * once the partition has carried an event with event time ≥ end + bound. The interval operator
 * takes the smallest watermark of every partition that feeds it (interactions and surveys; agent
 * states go elsewhere), so an interval can close only when the last of those partitions has carried
 * such an event. For each interval end this notes the wall time (System.currentTimeMillis, the
 * clock of the rows' version column) at which each partition first did, taken as the record is
 * handed to the producer. Records the job cannot decode (garbage, unknown schema) carry no event
 * time and are skipped.
 */
final class ProduceClock implements RecordSink {
  private static final long MINUTE = 60_000;

  private final RecordSink next;
  private final long boundMs;
  private final long firstEnd;
  private final int partitions;

  /** Per watermark-relevant partition: the largest event time so far. */
  private final Map<String, Long> maxEventTime = new HashMap<>();

  private final Map<String, Long> lastRecordWall = new HashMap<>();

  /** Interval end → partition → wall time of its first event at or past end + bound. */
  private final Map<Long, Map<String, Long>> crossings = new HashMap<>();

  private long longestGapMs;

  /**
   * @param firstEnd the first interval end of interest (the end of the scenario's first minute)
   * @param partitions partitions per topic, as the producer's default partitioner spreads keys
   */
  ProduceClock(RecordSink next, long boundMs, long firstEnd, int partitions) {
    this.next = next;
    this.boundMs = boundMs;
    this.firstEnd = firstEnd;
    this.partitions = partitions;
  }

  @Override
  public void accept(DeliveredRecord r) {
    long now = System.currentTimeMillis();
    next.accept(r);
    if (r.stream() == EventStream.AGENT_STATES
        || r.key() == null
        || r.fault() == Fault.UNREADABLE
        || r.fault() == Fault.UNKNOWN_SCHEMA) {
      return;
    }
    // The producer's default partitioner for a keyed record (Kafka's
    // BuiltInPartitioner.partitionForKey).
    int partition =
        Utils.toPositive(Utils.murmur2(r.key().getBytes(StandardCharsets.UTF_8))) % partitions;
    String p = r.stream() + "-" + partition;
    synchronized (this) {
      Long last = lastRecordWall.put(p, now);
      if (last != null) {
        longestGapMs = Math.max(longestGapMs, now - last);
      }
      long previous = maxEventTime.getOrDefault(p, Long.MIN_VALUE);
      long t = r.occurredAtMillis();
      if (t <= previous) {
        return;
      }
      maxEventTime.put(p, t);
      // Every interval end e with e + bound in (previous, t] is crossed now on this partition.
      long from =
          previous == Long.MIN_VALUE
              ? firstEnd
              : Math.max(firstEnd, ceilMinute(previous - boundMs + 1));
      for (long e = from; e + boundMs <= t; e += MINUTE) {
        crossings.computeIfAbsent(e, k -> new HashMap<>()).putIfAbsent(p, now);
      }
    }
  }

  /**
   * When the last feeding partition crossed {@code end}: the earliest moment the window can close;
   * null if not yet.
   */
  synchronized Long watermarkMoment(long end) {
    Map<String, Long> c = crossings.get(end);
    if (c == null || c.size() < 2 * partitions) {
      return null;
    }
    return c.values().stream().mapToLong(Long::longValue).max().getAsLong();
  }

  /**
   * When the first partition crossed {@code end} (the first event at or past end + bound on any of
   * them).
   */
  synchronized Long firstCrossing(long end) {
    Map<String, Long> c = crossings.get(end);
    return c == null ? null : c.values().stream().mapToLong(Long::longValue).min().getAsLong();
  }

  /** Interval ends every feeding partition has crossed. */
  synchronized java.util.List<Long> closableEnds() {
    return crossings.keySet().stream().filter(e -> watermarkMoment(e) != null).sorted().toList();
  }

  /** Forgets the pauses so far (the catch-up before the paced window is not live traffic). */
  synchronized void resetPauses() {
    lastRecordWall.clear();
    longestGapMs = 0;
  }

  /**
   * The longest pause between two records of one feeding partition. Below the job's idleness (1
   * min) no partition is ever declared idle, so the definition above holds.
   */
  synchronized long longestGapMs() {
    return longestGapMs;
  }

  private static long ceilMinute(long t) {
    return Math.floorDiv(t + MINUTE - 1, MINUTE) * MINUTE;
  }

  @Override
  public void flush() {
    next.flush();
  }

  @Override
  public void close() {
    next.close();
  }
}
