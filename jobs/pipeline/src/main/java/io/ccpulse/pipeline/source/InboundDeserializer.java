package io.ccpulse.pipeline.source;

import io.ccpulse.events.DecodeResult;
import io.ccpulse.events.EventCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Kafka records into events, turning everything that cannot be used into a {@link
 * RejectedEvent} with the raw payload and its topic/partition/offset. Never throws: a poison
 * message must not stop the job.
 */
public final class InboundDeserializer<T extends SpecificRecord>
    implements KafkaRecordDeserializationSchema<Inbound<T>> {
  private static final long serialVersionUID = 1L;

  private final EventKind<T> kind;
  private final EventChecks checks;
  private transient EventCodec<T> codec;
  private transient Counter eventsIn;

  public InboundDeserializer(EventKind<T> kind, EventChecks checks) {
    this.kind = kind;
    this.checks = checks;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    codec = kind.codec();
    eventsIn = context.getMetricGroup().counter("eventsIn");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound<T>> out) {
    eventsIn.inc();
    Inbound<T> in =
        decode(
            record.value(),
            record.topic(),
            record.partition(),
            record.offset(),
            System.currentTimeMillis());
    in.arrivedAt = record.timestamp() < 0 ? Long.MIN_VALUE : record.timestamp();
    out.collect(in);
  }

  /**
   * The decision for one payload; {@code now} is wall-clock time, for the future-timestamp check.
   */
  Inbound<T> decode(byte[] payload, String topic, int partition, long offset, long now) {
    DecodeResult<T> result = codec.decode(payload);
    if (!result.isOk()) {
      return Inbound.rejected(
          RejectedEvent.of(
              result.reason(), result.detail(), topic, partition, offset, payload, now));
    }
    T event = result.event();
    EventChecks.Invalid invalid = checks.check(kind, event, now);
    if (invalid == null) {
      Inbound<T> in = Inbound.of(event, topic, partition, offset);
      in.payload = payload;
      return in;
    }
    return Inbound.rejected(
        RejectedEvent.of(
            kind,
            event,
            invalid.reason(),
            invalid.detail(),
            topic,
            partition,
            offset,
            payload,
            now));
  }

  /** Opens outside a Flink source (tests, tools). */
  void openStandalone() {
    codec = kind.codec();
    eventsIn = new org.apache.flink.metrics.SimpleCounter();
  }

  @Override
  public TypeInformation<Inbound<T>> getProducedType() {
    return kind.inboundType();
  }
}
