package io.ccpulse.infra.kafka;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft broker + controller) inside this JVM.
 *
 * <pre>{@code
 * try (LocalKafkaBroker kafka = LocalKafkaBroker.builder().port(0).build().start()) {
 *     kafka.createTopic("events", 3);
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 *
 * The data directory is formatted on the first start only; later starts on the same directory keep
 * topics, messages and the cluster id. {@link #stop()} and {@link #start()} again (or {@link
 * #restart()}) stop the broker for real, its sockets closed and its log flushed, and bring it back
 * on the same ports, so clients configured with {@link #bootstrapServers()} reconnect on their own:
 * a broker outage as clients see it. Not thread-safe beyond {@link #bootstrapServers()} and {@link
 * #createTopic(String, int)}, which may be called concurrently.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9092;
  public static final Path DEFAULT_DATA_DIR = Path.of(".local", "kafka");
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

  /** Attempts when an auto-picked port is taken between choosing and binding it. */
  private static final int BIND_ATTEMPTS = 3;

  private final String host;
  private final int requestedPort;
  private final int requestedControllerPort;
  private final Path dataDir;
  private final Map<String, String> extraProperties;
  private final Duration startupTimeout;

  private KafkaRaftServer server;
  private volatile Admin admin;
  private Topics topics;
  private volatile int port;
  private volatile int controllerPort;
  private volatile String clusterId;
  private volatile Duration lastStartup;

  /**
   * Set by the first successful start: from then on the ports are this broker's address and never
   * change.
   */
  private boolean portsPinned;

  private LocalKafkaBroker(Builder b) {
    this.host = b.host;
    this.requestedPort = b.port;
    this.requestedControllerPort = b.controllerPort;
    this.dataDir = b.dataDir.toAbsolutePath().normalize();
    this.extraProperties = Map.copyOf(b.extraProperties);
    this.startupTimeout = b.startupTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the data dir if new, starts the node and waits until it answers a client. Calling it on
   * a running broker does nothing; after {@link #stop()} or {@link #close()} it starts again on the
   * ports of its first start (picked ones included), since clients know the broker by them.
   *
   * @throws KafkaStartException busy port (for a restart: taken while the broker was stopped), data
   *     dir in use, or no answer within the startup timeout
   */
  public synchronized LocalKafkaBroker start() {
    if (server != null) {
      return this;
    }
    long t0 = System.nanoTime();
    long deadline = t0 + startupTimeout.toNanos();
    StorageFormat.requireNotInUse(dataDir);
    boolean formatted = StorageFormat.isFormatted(dataDir);
    clusterId =
        formatted
            ? StorageFormat.clusterId(dataDir)
                .orElseThrow(
                    () -> new KafkaStartException(dataDir + "/meta.properties has no cluster.id"))
            : StorageFormat.format(dataDir);

    for (int attempt = 1; ; attempt++) {
      if (!portsPinned) {
        port = resolvePort(requestedPort, port, -1);
        controllerPort = resolvePort(requestedControllerPort, controllerPort, port);
      }
      if (port == controllerPort) {
        throw new KafkaStartException("The client port and the controller port are both " + port);
      }
      String again = portsPinned ? " (taken while the broker was stopped)" : "";
      Ports.requireFree(host, port, "client", again);
      Ports.requireFree(host, controllerPort, "controller", again);
      try {
        server = startServer(deadline);
        break;
      } catch (KafkaStartException e) {
        // Worth a retry only if a port was ours to pick; a fixed busy port then fails requireFree.
        boolean retry =
            isBindFailure(e)
                && !portsPinned
                && (requestedPort == 0 || requestedControllerPort == 0)
                && attempt < BIND_ATTEMPTS;
        if (!retry) {
          throw e;
        }
        LOG.warn(
            "A picked port was taken before the broker bound it, retrying with others: {}",
            e.getMessage());
        port = 0;
        controllerPort = 0;
      }
    }

    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "ccpulse-local-kafka-admin"));
    topics = new Topics(admin);
    try {
      awaitAnswer(deadline);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    portsPinned = true;
    lastStartup = Duration.ofNanos(System.nanoTime() - t0);
    // DEBUG: callers (the main, the test extension, `make stack`) print their own summary line.
    LOG.debug(
        "Kafka broker up at {} in {} ms ({} data dir {}, cluster id {})",
        bootstrapServers(),
        lastStartup.toMillis(),
        formatted ? "existing" : "new",
        dataDir,
        clusterId);
    return this;
  }

  private KafkaRaftServer startServer(long deadline) {
    Properties props = BrokerProperties.build(host, port, controllerPort, dataDir, extraProperties);
    KafkaRaftServer s;
    try {
      s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    } catch (RuntimeException e) {
      // Typically a data dir Kafka cannot read, or one formatted for another node or cluster.
      throw new KafkaStartException(
          "Cannot open Kafka data dir " + dataDir + ": " + e.getMessage(), e);
    }
    // startup() can block on the quorum; run it aside so the startup timeout holds.
    CompletableFuture<Void> startup =
        CompletableFuture.runAsync(
            s::startup,
            runnable -> {
              Thread t = new Thread(runnable, "local-kafka-startup");
              t.setDaemon(true);
              t.start();
            });
    try {
      startup.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      return s;
    } catch (TimeoutException e) {
      stop(s);
      throw new KafkaStartException(
          "Kafka broker on "
              + host
              + ":"
              + port
              + " did not start within "
              + startupTimeout.toSeconds()
              + " s",
          e);
    } catch (ExecutionException e) {
      stop(s);
      Throwable cause = e.getCause();
      String reason =
          isBindFailure(cause)
              ? "a port ("
                  + port
                  + " or controller "
                  + controllerPort
                  + ") on "
                  + host
                  + " is already in use"
              : String.valueOf(cause.getMessage());
      throw new KafkaStartException("Kafka broker failed to start: " + reason, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(s);
      throw new KafkaStartException("Interrupted while starting the Kafka broker", e);
    }
  }

  /**
   * startup() has returned; this proves a client can reach the broker through the advertised
   * address.
   */
  private void awaitAnswer(long deadline) {
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        int timeout = (int) Math.min(remainingMillis(deadline), 5_000);
        int nodes =
            admin
                .describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                .nodes()
                .get(timeout, TimeUnit.MILLISECONDS)
                .size();
        if (nodes > 0) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaStartException("Interrupted while waiting for the Kafka broker", e);
      }
      Topics.pause();
    }
    throw new KafkaStartException(
        "Kafka broker at "
            + bootstrapServers()
            + " did not answer within "
            + startupTimeout.toSeconds()
            + " s",
        last);
  }

  /**
   * Creates the topic (replication factor 1) and waits until every partition has a leader.
   * Idempotent: an existing topic with the same partition count is fine.
   *
   * @throws IllegalArgumentException the topic exists with another partition count
   */
  public void createTopic(String name, int partitions) {
    requireRunning().create(name, partitions);
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("The broker has not been started yet");
    }
    return BrokerProperties.advertisedHost(host) + ":" + port;
  }

  public String host() {
    return host;
  }

  /** The client port; the chosen one when the builder asked for 0. 0 before the first start. */
  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The KRaft cluster id stored in the data dir; null before the first start. */
  public String clusterId() {
    return clusterId;
  }

  /** How long the last {@link #start()} took, formatting included; null if never started. */
  public Duration lastStartupDuration() {
    return lastStartup;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Stops the node for real (controlled shutdown, sockets closed, log flushed; the next start skips
   * log recovery), keeping its ports and data for {@link #start()}. Idempotent. Clients see what
   * they see of any stopped broker: connections refused until it is back.
   */
  public synchronized void stop() {
    close();
  }

  /** {@link #stop()}, then {@link #start()} on the same ports and data dir. */
  public synchronized LocalKafkaBroker restart() {
    stop();
    return start();
  }

  /**
   * Shuts the node down cleanly (the next start skips log recovery). Idempotent; {@link #start()}
   * brings it back.
   */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    long t0 = System.nanoTime();
    Admin a = admin;
    admin = null;
    topics = null;
    if (a != null) {
      a.close(Duration.ofSeconds(5));
    }
    stop(server);
    server = null;
    LOG.debug(
        "Kafka broker at {}:{} stopped in {} ms", host, port, (System.nanoTime() - t0) / 1_000_000);
  }

  private synchronized Topics requireRunning() {
    if (topics == null) {
      throw new IllegalStateException("The Kafka broker is not running");
    }
    return topics;
  }

  private static void stop(KafkaRaftServer s) {
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Error while shutting down the Kafka broker", e);
    }
  }

  /**
   * Requested port, else the one picked before a failed first start if still free, else a new free
   * one.
   */
  private int resolvePort(int requested, int previous, int avoid) {
    if (requested != 0) {
      return requested;
    }
    if (previous != 0 && previous != avoid && Ports.isFree(host, previous)) {
      return previous;
    }
    int p;
    do {
      p = Ports.freePort(host);
    } while (p == avoid);
    return p;
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }

  /** Settings for a {@link LocalKafkaBroker}; every one has a default. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int controllerPort = 0;
    private Path dataDir = DEFAULT_DATA_DIR;
    private final Map<String, String> extraProperties = new LinkedHashMap<>();
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

    private Builder() {}

    /**
     * Interface to bind and advertise; default 127.0.0.1. A wildcard is advertised as localhost.
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Client port; default 9092; 0 picks a free one. */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /** KRaft controller port; default 0, a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = checkPort(controllerPort);
      return this;
    }

    /** Log and metadata directory; default {@code .local/kafka} under the working directory. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** Any broker setting; overrides the defaults of {@link BrokerProperties}. */
    public Builder property(String key, String value) {
      extraProperties.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder properties(Map<String, String> properties) {
      properties.forEach(this::property);
      return this;
    }

    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
      return this;
    }

    public LocalKafkaBroker build() {
      return new LocalKafkaBroker(this);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Not a port: " + port);
      }
      return port;
    }
  }
}
