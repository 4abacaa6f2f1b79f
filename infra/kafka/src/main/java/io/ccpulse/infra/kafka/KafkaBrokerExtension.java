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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker for tests: one per test JVM, started on first use on free ports with a
 * temporary data dir, stopped (and the dir deleted) when the JVM exits. Tests share the broker but
 * not topics: {@link #topic(String)} creates a new uniquely named topic on every call.
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
 *
 * A test that takes the broker down uses {@link #ownBroker()}: a broker of its class alone, which
 * {@link #stopBroker()} stops for real and {@link #startBroker()} brings back on the same ports and
 * data dir; the shared broker must stay up for the other tests of the JVM.
 */
public final class KafkaBrokerExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);

  private static LocalKafkaBroker shared;

  /**
   * Names topics after the running test; only a readability aid, the random suffix makes them
   * unique.
   */
  private volatile String testName = "";

  /** Whether this extension has a broker of its own rather than the JVM's shared one. */
  private final boolean own;

  /** The own broker and its data dir, while the test class runs. */
  private LocalKafkaBroker ownBroker;

  private Path ownDir;

  /** The JVM's shared broker. */
  public KafkaBrokerExtension() {
    this(false);
  }

  private KafkaBrokerExtension(boolean own) {
    this.own = own;
  }

  /**
   * A broker for this test class alone (started before its first test, stopped and its data dir
   * deleted after its last), which its tests may stop and start again. Costs a broker startup,
   * about 2 s.
   */
  public static KafkaBrokerExtension ownBroker() {
    return new KafkaBrokerExtension(true);
  }

  /**
   * Starts the broker before the first test of the class, so its startup is not charged to a test.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    testName = context.getRequiredTestClass().getSimpleName();
    broker();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    testName = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
    broker()
        .start(); // every test starts with a running broker, even after one that stopped its own
  }

  @Override
  public void afterEach(ExtensionContext context) {
    testName = context.getRequiredTestClass().getSimpleName();
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (ownBroker != null) {
      ownBroker.close();
      deleteRecursively(ownDir);
      ownBroker = null;
    }
  }

  /** The broker of the tests: the shared one of this JVM, or the own one; started if needed. */
  public LocalKafkaBroker broker() {
    return own ? startedOwnBroker() : sharedBroker();
  }

  /**
   * Stops the own broker for real: its server shuts down, clients' connections close and new ones
   * are refused until {@link #startBroker()}. Only with {@link #ownBroker()}.
   */
  public synchronized void stopBroker() {
    requireOwn("stopBroker");
    if (ownBroker != null) {
      ownBroker.stop();
      LOG.info("Kafka for tests at {} stopped", ownBroker.bootstrapServers());
    }
  }

  /** Starts the own broker again on the same ports and data dir, after {@link #stopBroker()}. */
  public synchronized void startBroker() {
    requireOwn("startBroker");
    startedOwnBroker().start();
    LOG.info(
        "Kafka for tests at {} started again in {} ms",
        ownBroker.bootstrapServers(),
        ownBroker.lastStartupDuration().toMillis());
  }

  private void requireOwn(String what) {
    if (!own) {
      throw new IllegalStateException(
          what
              + "() needs KafkaBrokerExtension.ownBroker(): the shared broker"
              + " serves every test of this JVM");
    }
  }

  /**
   * Started on first use; stays stopped after {@link #stopBroker()} until {@link #startBroker()}.
   */
  private synchronized LocalKafkaBroker startedOwnBroker() {
    if (ownBroker == null) {
      ownDir = tempDir();
      ownBroker = LocalKafkaBroker.builder().port(0).dataDir(ownDir).build().start();
      LOG.info(
          "Kafka of its own for {} at {} (started in {} ms, data {})",
          testName,
          ownBroker.bootstrapServers(),
          ownBroker.lastStartupDuration().toMillis(),
          ownDir);
    }
    return ownBroker;
  }

  public String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** A new single-partition topic named {@code base-<test>-<random>}, ready to use. */
  public String topic(String base) {
    return topic(base, 1);
  }

  /**
   * A new topic named {@code base-<test>-<random>} with {@code partitions} partitions, ready to
   * use.
   */
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

  /**
   * byte[] keys and values, reading from the earliest offset; a fresh copy the caller may change.
   */
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
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    broker.close();
                    deleteRecursively(dir);
                  },
                  "local-kafka-test-shutdown"));
      shared = broker.start();
      LOG.info(
          "Kafka for tests at {} (started in {} ms, data {})",
          broker.bootstrapServers(),
          broker.lastStartupDuration().toMillis(),
          dir);
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
