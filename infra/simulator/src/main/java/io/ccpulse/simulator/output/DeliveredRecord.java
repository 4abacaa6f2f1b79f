package io.ccpulse.simulator.output;

import java.time.Instant;

/**
 * One record as published: stream, key, value (Avro single-object bytes, or garbage for the
 * unreadable fault) and delivery time (the Kafka record timestamp).
 *
 * @param occurredAtMillis event time of the event inside (for garbage: of the event it was injected
 *     beside)
 * @param fault why the record is not a plain on-time event; simulator metadata, not published
 */
public record DeliveredRecord(
    EventStream stream,
    String key,
    byte[] value,
    long deliveredAtMillis,
    long occurredAtMillis,
    Fault fault) {

  /** The topic this record is published to under the given names. */
  public String topic(TopicNames names) {
    return names.of(stream);
  }

  public Instant deliveredAt() {
    return Instant.ofEpochMilli(deliveredAtMillis);
  }

  public Instant occurredAt() {
    return Instant.ofEpochMilli(occurredAtMillis);
  }

  @Override
  public String toString() {
    return stream
        + " key="
        + key
        + " "
        + value.length
        + " bytes delivered "
        + deliveredAt()
        + " occurred "
        + occurredAt()
        + (fault == Fault.NONE ? "" : " " + fault);
  }
}
