package io.ccpulse.infra.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The broker configuration of the single local node: broker and KRaft controller in one process,
 * plaintext, every internal topic at replication factor 1.
 */
final class BrokerProperties {

  static final int NODE_ID = 1;
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  private BrokerProperties() {}

  /**
   * @param host the interface both listeners bind to
   * @param port the client (PLAINTEXT) port, already resolved (not 0)
   * @param controllerPort the KRaft controller port, already resolved (not 0)
   * @param dataDir log and metadata directory
   * @param extra applied last, so they override any default here
   */
  static Properties build(
      String host, int port, int controllerPort, Path dataDir, Map<String, String> extra) {
    Properties p = new Properties();

    // One node that is both broker and the only controller voter. Static voters
    // (not a dynamic quorum) keep no controller address in the stored metadata,
    // so the controller port may change between runs on the same data dir.
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put(
        "listeners",
        BROKER_LISTENER
            + "://"
            + host
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    p.put("advertised.listeners", BROKER_LISTENER + "://" + advertisedHost(host) + ":" + port);
    p.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("inter.broker.listener.name", BROKER_LISTENER);

    p.put("log.dirs", dataDir.toAbsolutePath().toString());

    // A single replica: the internal topics cannot ask for more.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    // Few partitions for internal topics: creating 50 of them costs seconds on the first group
    // join.
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.num.partitions", "1");

    // Topics are explicit: a typo must fail, not silently create a topic.
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    // Consumers join at once instead of waiting 3 s for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    // Flink's exactly-once KafkaSink defaults to a 1 h transaction timeout; the broker's default
    // max is 15 min.
    p.put("transaction.max.timeout.ms", "3600000");

    // Local use: small segments keep the data dir small. No time retention: simulated and
    // replayed records carry event times long past, and a time limit would delete them while a
    // job still reads them (`make clean` removes the data).
    p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
    p.put("log.retention.ms", "-1");
    p.put("offsets.topic.segment.bytes", String.valueOf(16 * 1024 * 1024));
    p.put("transaction.state.log.segment.bytes", String.valueOf(16 * 1024 * 1024));

    // Sized for a laptop next to a Flink MiniCluster, not for throughput.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    // The log cleaner allocates its whole dedupe buffer (128 MiB by default) on the heap up front.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    // Faster broker heartbeats make registration and controlled shutdown take less time.
    p.put("broker.heartbeat.interval.ms", "500");

    p.putAll(extra);
    return p;
  }

  /** Clients cannot connect to a wildcard address, so advertise loopback for it. */
  static String advertisedHost(String host) {
    return switch (host) {
      case "0.0.0.0", "::", "[::]", "" -> "localhost";
      default -> host;
    };
  }
}
