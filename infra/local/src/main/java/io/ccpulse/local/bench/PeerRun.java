package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.simulator.truth.TruthRow;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One round of the do-it-yourself peer ({@link PeerQuery}): the interactions topic read from the
 * beginning by a plain consumer, decoded and inserted into a fresh database, then the query. Each
 * phase timed and its CPU counted as the pipeline's is (this JVM, ClickHouse).
 */
final class PeerRun {
  private static final Duration LIMIT = Duration.ofMinutes(20);

  /**
   * @param records read from the topic
   * @param loaded rows inserted (records that decode)
   * @param loadMs first poll to the last INSERT returning
   * @param queryMs the query sent to its rows read
   */
  record Result(
      long records,
      long loaded,
      long loadMs,
      CpuMeter.Usage loadCpu,
      long queryMs,
      CpuMeter.Usage queryCpu,
      PeerComparison.Report truth) {
    long totalCpuMs() {
      return loadCpu.totalMs() + queryCpu.totalMs();
    }

    @Override
    public String toString() {
      return String.format(
          "%,d interaction records read, %,d events inserted (RowBinary, %,d rows per INSERT) in"
              + " %.2f s; %s%n          one query: %.2f s; %s%n          against the truth: %s",
          records,
          loaded,
          PeerQuery.BATCH_ROWS,
          loadMs / 1000.0,
          loadCpu,
          queryMs / 1000.0,
          queryCpu,
          truth);
    }
  }

  private PeerRun() {}

  static Result run(BenchStack stack, String topic, String database, List<TruthRow> truth)
      throws Exception {
    ClickHouseEndpoint db = stack.freshDatabase(database);
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + database);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    long records = 0;
    try (PeerQuery peer = new PeerQuery(db)) {
      CpuMeter loadMeter = CpuMeter.start(stack.clickhousePid());
      long t0 = System.nanoTime();
      long deadline = t0 + LIMIT.toNanos();
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
        end.entrySet().removeIf(e -> e.getValue() == 0);
        while (!end.isEmpty()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the peer did not load the topic within " + LIMIT);
          }
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            records++;
            peer.add(r.value());
          }
          end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
      }
      peer.flush();
      long loaded = System.nanoTime();
      CpuMeter.Usage loadCpu = loadMeter.since();

      CpuMeter queryMeter = CpuMeter.start(stack.clickhousePid());
      long q0 = System.nanoTime();
      List<PeerQuery.Row> rows = peer.queueFigures();
      long queried = System.nanoTime();
      CpuMeter.Usage queryCpu = queryMeter.since();
      Result result =
          new Result(
              records,
              peer.loaded(),
              (loaded - t0) / 1_000_000,
              loadCpu,
              (queried - q0) / 1_000_000,
              queryCpu,
              PeerComparison.compare(truth, rows));
      try (Connection server = db.openServer();
          Statement st = server.createStatement()) {
        st.execute("DROP DATABASE " + db.database());
      }
      return result;
    }
  }
}
