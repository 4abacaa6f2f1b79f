package io.ccpulse.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker for tests: one per test JVM, started on first use on free ports with a
 * temporary data dir, stopped (and the dir deleted) when the JVM exits. Tests share the broker
 * but not topics: {@link #topic(String)} creates a new uniquely named topic on every call.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 *
 * @Test
 * void roundTrip() {
 *     String topic = KAFKA.topic("calls", 3);
 *     try (var producer = new KafkaProducer<byte[], byte[]>(KAFKA.producerProperties())) { ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);

    private static LocalKafkaBroker shared;

    /** Names topics after the running test; only a readability aid, the random suffix makes them unique. */
    private volatile String testName = "";

    /** Starts the broker before the first test of the class, so its startup is not charged to a test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        testName = context.getRequiredTestClass().getSimpleName();
        broker();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
        broker();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        testName = context.getRequiredTestClass().getSimpleName();
    }

    /** The shared broker of this JVM, started if needed. */
    public LocalKafkaBroker broker() {
        return sharedBroker();
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** A new single-partition topic named {@code base-<test>-<random>}, ready to use. */
    public String topic(String base) {
        return topic(base, 1);
    }

    /** A new topic named {@code base-<test>-<random>} with {@code partitions} partitions, ready to use. */
    public String topic(String base, int partitions) {
        String name = TopicNames.unique(base, testName);
        broker().createTopic(name, partitions);
        return name;
    }

    /** byte[] keys and values; a fresh copy the caller may change. */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** byte[] keys and values, reading from the earliest offset; a fresh copy the caller may change. */
    public Properties consumerProperties(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private static synchronized LocalKafkaBroker sharedBroker() {
        if (shared == null) {
            Path dir = tempDir();
            LocalKafkaBroker broker = LocalKafkaBroker.builder().port(0).dataDir(dir).build();
            // Registered before start() so a half-started broker is cleaned up too.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                deleteRecursively(dir);
            }, "local-kafka-test-shutdown"));
            shared = broker.start();
            LOG.info("Kafka for tests at {} (started in {} ms, data {})", broker.bootstrapServers(),
                    broker.lastStartupDuration().toMillis(), dir);
        }
        return shared;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ccpulse-kafka-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at JVM exit; the OS cleans the temp dir eventually.
        }
    }
}
