package io.ccpulse.infra.kafka;

import static io.ccpulse.infra.kafka.Records.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brokers of their own (not the shared one of the extension): restarts and startup failures. */
class LocalKafkaBrokerITCase {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBrokerITCase.class);

    @TempDir
    Path dir;

    @Test
    void restartOnTheSameDataDirKeepsTopicsMessagesAndClusterId() throws Exception {
        String clusterId;
        byte[] meta;
        try (LocalKafkaBroker first = LocalKafkaBroker.builder().port(0).dataDir(dir).build().start()) {
            LOG.info("First start (formats the data dir) took {} ms", first.lastStartupDuration().toMillis());
            first.createTopic("kept", 2);
            Records.produce(producer(first), "kept", "a", "1", "b", "2", "a", "3");
            clusterId = first.clusterId();
            meta = Files.readAllBytes(dir.resolve("meta.properties"));
        }
        assertThat(dir.resolve(".kafka_cleanshutdown")).as("clean shutdown marker").exists();

        // A new instance, as after restarting the process.
        try (LocalKafkaBroker second = LocalKafkaBroker.builder().port(0).dataDir(dir).build().start()) {
            LOG.info("Restart on existing data took {} ms", second.lastStartupDuration().toMillis());
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(Files.readAllBytes(dir.resolve("meta.properties"))).as("formatted once").isEqualTo(meta);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("kept");
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            }
            second.createTopic("kept", 2); // idempotent on the restored topic

            List<ConsumerRecord<byte[], byte[]>> records = Records.consume(consumer(second), "kept", 3, Duration.ofSeconds(30));
            assertThat(records).extracting(r -> string(r.key()) + "=" + string(r.value()))
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
            assertThat(broker.port()).as("a picked port is kept across restarts while free").isEqualTo(port);
            broker.createTopic("again", 1);
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
             LocalKafkaBroker second = LocalKafkaBroker.builder().port(0).dataDir(dir)
                     .startupTimeout(Duration.ofSeconds(20)).build()) {
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
