package io.ccpulse.pipeline.source;

import io.ccpulse.events.RejectReason;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices Kafka records the job never read, and says so: a {@link RejectReason#OFFSETS_SKIPPED}
 * rejection (topic, partition, first offset skipped; the last in the detail) and the metric {@code
 * offsetsSkipped}. Right after a Kafka source, on every record of every partition.
 *
 * <p>Why it is needed: when the offset a consumer asks for is no longer in the log (retention or
 * deleteRecords removed it before the job read it: a job stopped too long, restored from an old
 * checkpoint, or too far behind), Kafka's consumer resets to the log start on its own ({@code
 * auto.offset.reset}, which Flink's KafkaSource sets from the starting offsets), silently.
 *
 * <p>How: the offset expected next per partition is kept in operator state (union state, so it
 * survives restores and rescaling: each subtask gets every partition's entry and the highest wins).
 * A record past it is a gap. Gaps are also legitimate: transaction markers and aborted transactions
 * take offsets, and compaction removes records; so a gap is looked up (one admin request) and
 * reported only if the log now starts after the expected offset, i.e. the records there are gone.
 * Then the whole range up to the record read is reported, since the job read none of it. A
 * partition the job has no state for (a first start) is checked against the consumer group's
 * committed offset, where the source starts then; with no committed offset there is nothing to
 * compare with (starting at the earliest or latest offset is a choice, not a loss). A lookup that
 * fails is reported as a skip too, unverified: loud rather than silent.
 */
public final class OffsetContinuity<T> extends ProcessFunction<Inbound<T>, Inbound<T>>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(OffsetContinuity.class);

  private final String group;
  private final PartitionOffsets kafka;

  /** The next offset expected per partition; absent: not seen since the start without state. */
  private transient Map<TopicPartition, Long> next;

  private transient ListState<PartitionOffset> state;
  private transient Counter offsetsSkipped;
  private transient Counter legitimateGaps;

  /**
   * @param group the consumer group whose committed offsets the source starts from without state
   * @param kafka where log starts and committed offsets are looked up
   */
  public OffsetContinuity(String group, PartitionOffsets kafka) {
    this.group = group;
    this.kafka = kafka;
  }

  @Override
  public void open(OpenContext context) {
    offsetsSkipped = getRuntimeContext().getMetricGroup().counter("offsetsSkipped");
    legitimateGaps = getRuntimeContext().getMetricGroup().counter("offsetGapsInLog");
  }

  @Override
  public void processElement(Inbound<T> in, Context ctx, Collector<Inbound<T>> out) {
    TopicPartition tp = new TopicPartition(in.topic, in.partition);
    Long expected = next.get(tp);
    if (expected == null) {
      expected = committedOffset(tp);
    }
    if (expected != null && in.offset > expected) {
      RejectedEvent skipped = judge(tp, expected, in.offset);
      if (skipped != null) {
        out.collect(Inbound.rejected(skipped));
      }
    } else if (expected != null && in.offset < expected && next.containsKey(tp)) {
      // Read again, not lost: the topic was recreated, or someone moved the offsets back.
      // Duplicates are dropped downstream.
      LOG.warn(
          "{} went back from offset {} to {}: records are read again", tp, expected, in.offset);
    }
    next.put(tp, in.offset + 1);
    out.collect(in);
  }

  /**
   * The skip report for a gap from {@code expected} to {@code offset} (exclusive), or null if the
   * records there never existed.
   */
  RejectedEvent judge(TopicPartition tp, long expected, long offset) {
    long last = offset - 1;
    long logStart;
    try {
      logStart = kafka.logStart(tp.topic(), tp.partition());
    } catch (Exception e) {
      return skipped(
          tp,
          expected,
          last,
          "could not be checked against the log start ("
              + e.getMessage()
              + "), so they are reported as skipped, unverified");
    }
    if (logStart <= expected) {
      // Everything from expected on is still in the log: the gap held no record a consumer sees.
      legitimateGaps.inc();
      LOG.debug(
          "{}: offsets {} to {} hold no records (transaction markers, aborted or compacted records)",
          tp,
          expected,
          last);
      return null;
    }
    return skipped(
        tp,
        expected,
        last,
        "were never read: the log now starts at "
            + logStart
            + " (deleted by retention or deleteRecords before the job read them); the job went on at "
            + offset);
  }

  private RejectedEvent skipped(TopicPartition tp, long first, long last, String why) {
    long count = last - first + 1;
    offsetsSkipped.inc(count);
    String detail =
        "offsets " + first + " to " + last + " of " + tp + " (" + count + " offsets) " + why;
    LOG.error("Kafka records lost to the job: {}", detail);
    return RejectedEvent.of(
        RejectReason.OFFSETS_SKIPPED,
        detail,
        tp.topic(),
        tp.partition(),
        first,
        null,
        System.currentTimeMillis());
  }

  /**
   * Where the source started a partition it had no position for: the group's committed offset, if
   * any.
   */
  private Long committedOffset(TopicPartition tp) {
    try {
      OptionalLong committed = kafka.committed(group, tp.topic(), tp.partition());
      return committed.isPresent() ? committed.getAsLong() : null;
    } catch (Exception e) {
      LOG.warn(
          "Cannot read the committed offset of group {} for {}; its start is not checked for skipped offsets: {}",
          group,
          tp,
          e.getMessage());
      return null;
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    state.clear();
    for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
      state.add(new PartitionOffset(e.getKey().topic(), e.getKey().partition(), e.getValue()));
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    state =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("next-offsets", PartitionOffset.class));
    next = new HashMap<>();
    for (PartitionOffset p : state.get()) {
      next.merge(new TopicPartition(p.topic, p.partition), p.next, Math::max);
    }
  }

  @Override
  public void close() throws Exception {
    kafka.close();
    super.close();
  }

  /** The state entry: a partition and the offset expected next there. */
  public static class PartitionOffset {
    public String topic;
    public int partition;
    public long next;

    public PartitionOffset() {}

    PartitionOffset(String topic, int partition, long next) {
      this.topic = topic;
      this.partition = partition;
      this.next = next;
    }
  }
}
