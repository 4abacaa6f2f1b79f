package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ChdbProcess;
import io.ccpulse.infra.kafka.LocalKafkaBroker;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The embedded default: a Kafka broker (in this JVM) and ClickHouse (chDB behind the HTTP
 * interface, in its own process), with data under {@code .local/}. If both already run (e.g. {@code
 * make stack} in another terminal), it attaches to them and leaves them running.
 */
public final class LocalStack implements AutoCloseable {
  public static final int KAFKA_PORT = 9092;
  public static final int CLICKHOUSE_PORT = 8123;

  private final LocalKafkaBroker kafka;
  private final ChdbProcess clickhouse;
  private final boolean attached;

  private LocalStack(LocalKafkaBroker kafka, ChdbProcess clickhouse, boolean attached) {
    this.kafka = kafka;
    this.clickhouse = clickhouse;
    this.attached = attached;
  }

  /** Starts both under {@code dataRoot}, or attaches to both if they already answer. */
  public static LocalStack startOrAttach(Path dataRoot, PrintStream out) {
    boolean clickhouseUp = clickHouseAnswers();
    boolean kafkaUp = kafkaAnswers();
    if (clickhouseUp && kafkaUp) {
      out.println(
          "Using the running local stack: Kafka 127.0.0.1:"
              + KAFKA_PORT
              + ", ClickHouse 127.0.0.1:"
              + CLICKHOUSE_PORT);
      return new LocalStack(null, null, true);
    }
    if (clickhouseUp || kafkaUp) {
      throw new IllegalStateException(
          (clickhouseUp ? "ClickHouse on port " + CLICKHOUSE_PORT : "Kafka on port " + KAFKA_PORT)
              + " is already running but the other is not; stop it (or start both with make stack) and retry");
    }
    long t0 = System.nanoTime();
    LocalKafkaBroker kafka =
        LocalKafkaBroker.builder()
            .port(KAFKA_PORT)
            .dataDir(dataRoot.resolve("kafka"))
            .build()
            .start();
    out.printf(
        "Kafka broker (KRaft) on %s, data in %s%n",
        kafka.bootstrapServers(), dataRoot.resolve("kafka"));
    ChdbProcess clickhouse;
    try {
      clickhouse = ChdbProcess.start(dataRoot.resolve("clickhouse"), CLICKHOUSE_PORT);
    } catch (java.io.IOException | RuntimeException e) {
      kafka.close();
      throw new IllegalStateException("Cannot start the local ClickHouse: " + e.getMessage(), e);
    }
    out.printf(
        "ClickHouse (chDB) HTTP interface on %s, data in %s%n",
        clickhouse.httpUrl(), dataRoot.resolve("clickhouse"));
    out.printf("Stack up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return new LocalStack(kafka, clickhouse, false);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + KAFKA_PORT;
  }

  /** The local ClickHouse as the job and the migrator see it. */
  public static ClickHouseEndpoint clickHouse(String database) {
    return new ClickHouseEndpoint(
        "jdbc:clickhouse://127.0.0.1:" + CLICKHOUSE_PORT, database, "default", Map.of());
  }

  /** Creates the database and applies what has not run yet; prints what it did. */
  public static void migrate(ClickHouseEndpoint endpoint, PrintStream out) throws SQLException {
    migrate(endpoint, Map.of(), out);
  }

  /** The same with placeholder values (TTLs) over the defaults, for migrations not yet applied. */
  public static void migrate(
      ClickHouseEndpoint endpoint, Map<String, String> placeholders, PrintStream out)
      throws SQLException {
    Migrator.Report report = new Migrator(endpoint, placeholders).migrate();
    out.printf(
        "ClickHouse migrations: %d applied, %d already there (database %s)%n",
        report.applied().size(), report.alreadyApplied().size(), endpoint.database());
  }

  /** Deletes the topics if they exist and creates them empty: a local run starts from nothing. */
  public void recreateTopics(int partitions, String... topics) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      var existing = admin.listTopics().names().get();
      var doomed = java.util.Arrays.stream(topics).filter(existing::contains).toList();
      if (!doomed.isEmpty()) {
        admin.deleteTopics(doomed).all().get();
        // Deletion completes asynchronously; creating the same name waits until it has.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (admin.listTopics().names().get().stream().anyMatch(doomed::contains)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Topics " + doomed + " were not deleted within 30 s");
          }
          Thread.sleep(100);
        }
      }
      var fresh =
          java.util.Arrays.stream(topics)
              .map(t -> new org.apache.kafka.clients.admin.NewTopic(t, partitions, (short) 1))
              .toList();
      for (int attempt = 0; ; attempt++) {
        try {
          admin.createTopics(fresh).all().get();
          return;
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)
              || attempt > 50) {
            throw e;
          }
          Thread.sleep(100); // still being deleted
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot recreate topics on " + bootstrapServers() + ": " + e.getMessage(), e);
    }
  }

  public boolean attached() {
    return attached;
  }

  @Override
  public void close() {
    if (attached) {
      return;
    }
    try {
      clickhouse.close();
    } finally {
      kafka.close();
    }
  }

  private static boolean clickHouseAnswers() {
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofMillis(500))
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + CLICKHOUSE_PORT + "/ping"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean kafkaAnswers() {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress("127.0.0.1", KAFKA_PORT), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
