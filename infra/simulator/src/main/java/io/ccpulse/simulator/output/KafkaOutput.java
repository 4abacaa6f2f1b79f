package io.ccpulse.simulator.output;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes records to Kafka: key = interaction_id / agent_id (UTF-8), value = the record bytes,
 * record timestamp = delivery time. The producer is idempotent with {@code acks=all}, lz4
 * compression and batching, so a retry never duplicates or reorders a partition. A send failure is
 * rethrown from the next {@link #accept}, {@link #flush} or {@link #close}. Opening one waits until
 * the broker serves those of the topics that exist (see {@link #createTopics}).
 *
 * <p>It notes where each record the pipeline must reject landed ({@link #badRecords}), so a check
 * can find each one in rejected_events by its Kafka position.
 */
public final class KafkaOutput implements RecordSink {
  private final TopicNames topics;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /** Filled by the producer's I/O thread as sends are acknowledged. */
  private final Queue<BadRecord> badRecords = new ConcurrentLinkedQueue<>();

  public KafkaOutput(String bootstrapServers, TopicNames topics) {
    this(bootstrapServers, topics, Map.of());
  }

  /**
   * @param overrides producer properties that replace the defaults (e.g. security settings)
   */
  public KafkaOutput(String bootstrapServers, TopicNames topics, Map<String, Object> overrides) {
    this.topics = topics;
    // Topics just created elsewhere may not be served yet; see TopicAdmin.
    TopicAdmin.awaitExisting(bootstrapServers, adminConfig(overrides), names(topics));
    this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, overrides));
  }

  /** The producer settings used: idempotent, acks=all, lz4, 20 ms linger, 256 KiB batches. */
  public static Map<String, Object> producerConfig(
      String bootstrapServers, Map<String, Object> overrides) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "ccpulse-simulator");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.putAll(overrides);
    return p;
  }

  /**
   * Creates the topics that do not exist yet, with {@code partitions} partitions and the broker's
   * default replication (existing topics are left as they are), and waits until the broker serves
   * them all.
   */
  public static void createTopics(
      String bootstrapServers, TopicNames topics, int partitions, Map<String, Object> overrides) {
    TopicAdmin.create(bootstrapServers, adminConfig(overrides), names(topics), partitions);
  }

  private static Set<String> names(TopicNames topics) {
    Set<String> names = new LinkedHashSet<>();
    for (EventStream s : EventStream.values()) {
      names.add(topics.of(s));
    }
    return names;
  }

  /** Producer overrides that also concern the admin client (security, timeouts). */
  private static Map<String, Object> adminConfig(Map<String, Object> overrides) {
    Map<String, Object> m = new HashMap<>();
    overrides.forEach(
        (k, v) -> {
          if (AdminClientConfig.configNames().contains(k)) {
            m.put(k, v);
          }
        });
    return m;
  }

  @Override
  public void accept(DeliveredRecord r) {
    rethrow();
    byte[] key = r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8);
    boolean bad = r.fault().rejectedAs() != null;
    producer.send(
        new ProducerRecord<>(topics.of(r.stream()), null, r.deliveredAtMillis(), key, r.value()),
        (meta, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else if (bad) {
            badRecords.add(new BadRecord(meta.topic(), meta.partition(), meta.offset(), r.fault()));
          }
        });
  }

  /**
   * Where every record published so far that the pipeline must reject landed, in topic, partition
   * and offset order. Flushes first, so every send has been acknowledged.
   */
  public List<BadRecord> badRecords() {
    flush();
    return badRecords.stream().sorted(BadRecord.ORDER).toList();
  }

  @Override
  public void flush() {
    producer.flush();
    rethrow();
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close(Duration.ofSeconds(30));
    }
  }

  private void rethrow() {
    Exception e = failure.get();
    if (e != null) {
      throw new KafkaException("publishing to Kafka failed: " + e.getMessage(), e);
    }
  }
}
