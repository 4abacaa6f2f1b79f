package io.ccpulse.pipeline.source;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.TopicPartition;

/**
 * Stamps every record with the event-time clock of its partition when it arrived ({@link
 * Inbound#partitionClock}), which lateness is judged against ({@link Lateness}). Right after a
 * Kafka source, chained to it, so it sees each partition's records in their order.
 *
 * <p>The clock is {@code max(arrivedAt, latest event time before it in its partition) - bound - 1
 * ms}: the watermark the live job had, at most, when the record reached Kafka (its record
 * timestamp), and never behind the partition's own watermark before the record (so whatever it
 * accepts, the operators downstream still hold: their watermark is the smallest of every
 * partition's). Both depend only on the partition's records and their order, never on how fast this
 * or any other partition is read; when record timestamps rise with the log and no event is stamped
 * after its record (a producer stamping as it sends, the simulator, the importer), the clock is the
 * record's own timestamp minus the bound, and the verdict depends on the event alone, on any number
 * of partitions.
 *
 * <p>The latest event time per partition is kept in operator state (union state: after a restore or
 * a rescale each subtask takes every partition's entry, the highest winning), so a restored job
 * judges the next record as an uninterrupted one would.
 */
public final class PartitionClock<T extends SpecificRecord>
    extends ProcessFunction<Inbound<T>, Inbound<T>> implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  private final EventKind<T> kind;
  private final long boundMs;

  private transient Map<TopicPartition, Long> latest;
  private transient ListState<PartitionTime> state;

  /**
   * @param boundMs the bounded out-of-orderness of the watermarks
   */
  public PartitionClock(EventKind<T> kind, long boundMs) {
    this.kind = kind;
    this.boundMs = boundMs;
  }

  @Override
  public void processElement(Inbound<T> in, Context ctx, Collector<Inbound<T>> out) {
    TopicPartition tp = new TopicPartition(in.topic, in.partition);
    Long before = latest.get(tp);
    in.partitionClock = clock(in.arrivedAt, before == null ? Long.MIN_VALUE : before, boundMs);
    if (in.event != null) {
      long at = kind.occurredAt(in.event).toEpochMilli();
      if (before == null || at > before) {
        latest.put(tp, at);
      }
    }
    out.collect(in);
  }

  /** The clock for a record that arrived at {@code arrivedAt} after events up to {@code latest}. */
  static long clock(long arrivedAt, long latest, long boundMs) {
    long newest = Math.max(arrivedAt, latest);
    return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - boundMs - 1;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    state.clear();
    for (Map.Entry<TopicPartition, Long> e : latest.entrySet()) {
      state.add(new PartitionTime(e.getKey().topic(), e.getKey().partition(), e.getValue()));
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    state =
        context
            .getOperatorStateStore()
            .getUnionListState(
                new ListStateDescriptor<>("latest-event-times", PartitionTime.class));
    latest = new HashMap<>();
    for (PartitionTime p : state.get()) {
      latest.merge(new TopicPartition(p.topic, p.partition), p.latest, Math::max);
    }
  }

  /** The state entry: a partition and the latest event time read there. */
  public static class PartitionTime {
    public String topic;
    public int partition;
    public long latest;

    public PartitionTime() {}

    PartitionTime(String topic, int partition, long latest) {
      this.topic = topic;
      this.partition = partition;
      this.latest = latest;
    }
  }
}
