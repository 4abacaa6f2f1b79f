package io.ccpulse.infra.kafka;

import static io.ccpulse.infra.kafka.Records.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brokers of their own (not the shared one of the extension): restarts and startup failures. */
class LocalKafkaBrokerITCase {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBrokerITCase.class);

  @TempDir Path dir;

  @Test
  void restartOnTheSameDataDirKeepsTopicsMessagesAndClusterId() throws Exception {
    String clusterId;
    byte[] meta;
    try (LocalKafkaBroker first = LocalKafkaBroker.builder().port(0).dataDir(dir).build().start()) {
      LOG.info(
          "First start (formats the data dir) took {} ms", first.lastStartupDuration().toMillis());
      first.createTopic("kept", 2);
      Records.produce(producer(first), "kept", "a", "1", "b", "2", "a", "3");
      clusterId = first.clusterId();
      meta = Files.readAllBytes(dir.resolve("meta.properties"));
    }
    assertThat(dir.resolve(".kafka_cleanshutdown")).as("clean shutdown marker").exists();

    // A new instance, as after restarting the process.
    try (LocalKafkaBroker second =
        LocalKafkaBroker.builder().port(0).dataDir(dir).build().start()) {
      LOG.info("Restart on existing data took {} ms", second.lastStartupDuration().toMillis());
      assertThat(second.clusterId()).isEqualTo(clusterId);
      assertThat(Files.readAllBytes(dir.resolve("meta.properties")))
          .as("formatted once")
          .isEqualTo(meta);
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get()).contains("kept");
        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
      }
      second.createTopic("kept", 2); // idempotent on the restored topic

      List<ConsumerRecord<byte[], byte[]>> records =
          Records.consume(consumer(second), "kept", 3, Duration.ofSeconds(30));
      assertThat(records)
          .extracting(r -> string(r.key()) + "=" + string(r.value()))
          .containsExactlyInAnyOrder("a=1", "b=2", "a=3");
    }
  }

  @Test
  void sameInstanceStartsAgainAfterClose() {
    LocalKafkaBroker broker = LocalKafkaBroker.builder().port(0).dataDir(dir).build();
    try (broker) {
      broker.start();
      broker.createTopic("again", 1);
      int port = broker.port();
      broker.close();
      assertThat(broker.isRunning()).isFalse();

      broker.start();
      assertThat(broker.port())
          .as("a picked port is the broker's address from then on")
          .isEqualTo(port);
      broker.createTopic("again", 1);
    }
  }

  @Test
  void anOutageIsRealAndClientsRideItOut() throws Exception {
    LocalKafkaBroker broker = LocalKafkaBroker.builder().port(0).dataDir(dir).build();
    try (broker) {
      broker.start();
      broker.createTopic("outage", 1);
      int port = broker.port();
      int controllerPort = broker.controllerPort();
      Properties producer = producer(broker);
      producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "90000");
      // A metadata refresh during the broker's shutdown can leave the topic without a leader:
      // send() then blocks until it has one again (max.block.ms) instead of queueing at once.
      producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "90000");
      try (KafkaProducer<byte[], byte[]> out = new KafkaProducer<>(producer)) {
        out.send(new ProducerRecord<>("outage", Records.bytes("before"))).get();

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        try (Socket socket = new Socket()) {
          assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000))
              .as("nobody listens while stopped")
              .isInstanceOf(ConnectException.class);
        }
        // Sent while the broker is down: the producer keeps it and retries.
        // (On a thread of its own: send() itself may block while the broker is away.)
        CompletableFuture<RecordMetadata> during =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return out.send(new ProducerRecord<>("outage", Records.bytes("during"))).get();
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                });
        Thread.sleep(2_000);
        assertThat(during).as("not acknowledged by a stopped broker").isNotDone();

        broker.start();
        assertThat(broker.port()).as("same client port").isEqualTo(port);
        assertThat(broker.controllerPort()).as("same controller port").isEqualTo(controllerPort);
        assertThat(during.get(90, TimeUnit.SECONDS).offset()).isEqualTo(1);
      }
      List<ConsumerRecord<byte[], byte[]>> records =
          Records.consume(consumer(broker), "outage", 2, Duration.ofSeconds(30));
      assertThat(records).extracting(r -> string(r.value())).containsExactly("before", "during");
    }
  }

  @Test
  void aPortTakenWhileStoppedFailsTheRestartWithAClearMessage() throws Exception {
    LocalKafkaBroker broker = LocalKafkaBroker.builder().port(0).dataDir(dir).build();
    try (broker) {
      broker.start();
      int port = broker.port();
      broker.stop();
      try (ServerSocket taken = new ServerSocket()) {
        taken.bind(new InetSocketAddress("127.0.0.1", port));
        assertThatThrownBy(broker::start)
            .isInstanceOf(KafkaStartException.class)
            .hasMessageContaining("127.0.0.1:" + port)
            .hasMessageContaining("taken while the broker was stopped");
      }
      broker.start();
      assertThat(broker.port()).isEqualTo(port);
    }
  }

  @Test
  void busyPortFailsWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      LocalKafkaBroker broker = LocalKafkaBroker.builder().port(port).dataDir(dir).build();

      assertThatThrownBy(broker::start)
          .isInstanceOf(KafkaStartException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("already in use");
      assertThat(broker.isRunning()).isFalse();
    }
  }

  @Test
  void secondBrokerOnAUsedDataDirFailsWithAClearMessage() {
    try (LocalKafkaBroker first = LocalKafkaBroker.builder().port(0).dataDir(dir).build().start();
        LocalKafkaBroker second =
            LocalKafkaBroker.builder()
                .port(0)
                .dataDir(dir)
                .startupTimeout(Duration.ofSeconds(20))
                .build()) {
      assertThatThrownBy(second::start)
          .isInstanceOf(KafkaStartException.class)
          .hasMessageContaining(dir.toString());
      assertThat(second.isRunning()).isFalse();
      first.createTopic("still-fine", 1);
    }
  }

  private static Properties producer(LocalKafkaBroker broker) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  private static Properties consumer(LocalKafkaBroker broker) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "restart");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }
}
