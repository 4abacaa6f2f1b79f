package io.ccpulse.local;

import io.ccpulse.local.cluster.LocalFlinkCluster;
import io.ccpulse.options.CommandLine;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code make cluster}: the local stack (Kafka, ClickHouse, as {@code make stack}) and a Flink
 * standalone session cluster beside it: a JobManager and two TaskManagers, each a JVM of its own,
 * configured by {@code infra/deploy/flink/} (the file compose and Kubernetes use too), web UI on
 * its {@code rest.port} (8081). Ctrl-C stops them all cleanly. Jobs come with {@code make deploy}.
 *
 * <p>Options: {@code --rest-port N}, {@code --task-managers N}, {@code --conf DIR} (default
 * infra/deploy/flink), {@code --lib FILE} (the lib/ classpath, default
 * infra/flink-lib/target/classpath.txt), {@code --data DIR} (default .local).
 */
public final class ClusterMain {
  private ClusterMain() {}

  /** What the command line asks for. */
  record Options(Path conf, Path lib, Path data, int restPort, int taskManagers) {
    static Options parse(String[] args) {
      CommandLine line = CommandLine.parse(args, Set.of());
      if (line.help()) {
        System.out.println(
            "usage: make cluster ARGS=\"[--rest-port N] [--task-managers N] [--conf DIR]"
                + " [--lib FILE] [--data DIR]\"");
        System.exit(0);
      }
      Options options =
          new Options(
              Path.of(line.value("conf", "infra/deploy/flink")),
              Path.of(line.value("lib", "infra/flink-lib/target/classpath.txt")),
              Path.of(line.value("data", ".local")),
              line.has("rest-port") ? line.port("rest-port", 0) : -1,
              line.positiveInt("task-managers", 2));
      line.rejectUnread();
      return options;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = CommandLine.readOrExit("cluster", () -> Options.parse(args));
    Path conf = options.conf();
    Path lib = options.lib();
    Path data = options.data();
    int restPort = options.restPort();
    int taskManagers = options.taskManagers();
    LocalStack stack = LocalStack.startOrAttach(data, System.out);
    LocalFlinkCluster cluster;
    try {
      LocalStack.migrate(LocalStack.clickHouse("ccpulse"), System.out);
      createMissingTopics(stack.bootstrapServers());
      Path password = clickHousePassword(data.resolve("secrets/clickhouse-password"));
      LocalFlinkCluster.Builder builder =
          LocalFlinkCluster.builder(
                  conf, data.resolve("flink"), LocalFlinkCluster.libClasspath(lib))
              .taskManagers(taskManagers)
              // The sinks read the ClickHouse password where they connect: on the TaskManagers.
              .taskManagerEnv(
                  "CCPULSE_CLICKHOUSE_PASSWORD_FILE", password.toAbsolutePath().toString());
      if (restPort >= 0) {
        builder.restPort(restPort);
      } else {
        builder.restPort(
            org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(conf.toString())
                .get(org.apache.flink.configuration.RestOptions.PORT));
      }
      cluster = builder.start(Duration.ofMinutes(3));
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nStopping the Flink cluster and the local stack...");
                  cluster.close();
                  stack.close();
                  System.out.println("Stopped.");
                  stopped.countDown();
                },
                "cluster-shutdown"));
    System.out.println();
    System.out.println("Ready. Flink web UI: " + cluster.restAddress());
    System.out.println("  make deploy                              both jobs, from the job jar");
    System.out.println(
        "  make simulate ARGS=\"--preset small\"      a simulated morning into Kafka");
    System.out.println("  make query SQL=\"SELECT count() FROM interval_metrics\"");
    System.out.println("  logs, checkpoints, savepoints: " + cluster.workDir());
    System.out.println("Ctrl-C stops them all.");
    stopped.await();
  }

  /** The job's topics (kafka.topic.* defaults), 3 partitions each, unless they exist. */
  static void createMissingTopics(String bootstrapServers) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      var existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          PipelineConfig.defaults().withPrefix("kafka.topic.").values().stream()
              .filter(t -> !t.isBlank() && !existing.contains(t))
              .distinct()
              .map(t -> new NewTopic(t, 3, (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
        System.out.println(
            "Kafka topics created: " + missing.stream().map(NewTopic::name).toList());
      }
    }
  }

  /**
   * The ClickHouse password as a deployment has it: a file only its owner reads, named by
   * CCPULSE_CLICKHOUSE_PASSWORD_FILE (the local ClickHouse accepts any password for default).
   */
  static Path clickHousePassword(Path file) throws Exception {
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      byte[] secret = new byte[16];
      new SecureRandom().nextBytes(secret);
      Files.writeString(file, HexFormat.of().formatHex(secret));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }
}
