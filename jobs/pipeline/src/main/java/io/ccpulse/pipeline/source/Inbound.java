package io.ccpulse.pipeline.source;

/**
 * One Kafka record after decoding: the event or its rejection (never both), and where it came from.
 *
 * <p>Decoding happens in the source so that event time, and the per-partition watermark, come from
 * the event itself. The source position travels with the event so that a later stage (a late event,
 * an impossible transition) can still say which record it rejected.
 */
public class Inbound<T> {
  /** The decoded event, or null when rejected. */
  public T event;

  /**
   * The Kafka record's value the event was decoded from, sent on in its place ({@link
   * InboundSerializer}); null where there is none. Transient: not kept in state. The event is never
   * changed once decoded, so the bytes stay what it is.
   */
  public transient byte[] payload;

  /** Why it was rejected, or null when decoded. */
  public RejectedEvent rejected;

  public String topic;
  public int partition;
  public long offset;

  /**
   * Kafka's timestamp of the record: when it reached Kafka (the producer's CreateTime, or the
   * broker's LogAppendTime); {@link Long#MIN_VALUE} when the record has none.
   */
  public long arrivedAt = Long.MIN_VALUE;

  /**
   * The event-time clock of its partition when it arrived, set by {@link PartitionClock}: what
   * lateness is judged against, so the verdict depends on the data, not on how fast partitions are
   * read ({@link Lateness}). {@link Long#MIN_VALUE} when not set (records from other sources).
   */
  public long partitionClock = Long.MIN_VALUE;

  public Inbound() {}

  public static <T> Inbound<T> of(T event, String topic, int partition, long offset) {
    Inbound<T> in = new Inbound<>();
    in.event = event;
    in.topic = topic;
    in.partition = partition;
    in.offset = offset;
    return in;
  }

  static <T> Inbound<T> rejected(RejectedEvent rejected) {
    Inbound<T> in = new Inbound<>();
    in.rejected = rejected;
    in.topic = rejected.sourceTopic;
    in.partition = rejected.sourcePartition;
    in.offset = rejected.sourceOffset;
    return in;
  }

  public boolean isRejected() {
    return rejected != null;
  }
}
