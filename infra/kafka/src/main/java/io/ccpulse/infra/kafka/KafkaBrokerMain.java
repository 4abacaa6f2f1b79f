package io.ccpulse.infra.kafka;

import io.ccpulse.options.CommandLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Runs the local broker in the foreground until Ctrl-C (or SIGTERM), then shuts it down cleanly.
 *
 * <pre>
 * KafkaBrokerMain [--host 127.0.0.1] [--port 9092] [--controller-port 0] [--data .local/kafka] [--set key=value]...
 * </pre>
 *
 * Prints one line when ready and one when stopped; everything else goes to the logging
 * configuration of whoever runs it (Kafka itself is meant to be at WARN).
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      return;
    }

    LocalKafkaBroker broker = options.toBuilder().build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (broker.isRunning()) {
                    broker.close();
                    System.out.println("Kafka stopped (data kept in " + broker.dataDir() + ")");
                  }
                  stopped.countDown();
                },
                "local-kafka-shutdown"));

    try {
      broker.start();
    } catch (KafkaStartException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
    System.out.printf(
        "Kafka %s ready: bootstrap.servers=%s (data %s, cluster id %s, started in %.1f s). Ctrl-C to stop.%n",
        AppInfoParser.getVersion(),
        broker.bootstrapServers(),
        broker.dataDir(),
        broker.clusterId(),
        broker.lastStartupDuration().toMillis() / 1000.0);
    // The broker's threads are not daemons, but waiting here keeps the intent explicit.
    stopped.await();
  }

  /** The command line, parsed. */
  record Options(
      String host,
      int port,
      int controllerPort,
      Path dataDir,
      Map<String, String> properties,
      boolean help) {

    static final String USAGE =
        """
                Usage: KafkaBrokerMain [options]
                  --host HOST              interface to bind and advertise (default 127.0.0.1)
                  --port PORT              client port (default 9092, 0 = any free port)
                  --controller-port PORT   KRaft controller port (default 0 = any free port)
                  --data DIR               data directory (default .local/kafka)
                  --set KEY=VALUE          extra broker setting, repeatable
                  --help                   this text""";

    static Options parse(List<String> args) {
      CommandLine cl = CommandLine.parse(args.toArray(String[]::new), Set.of());
      Options o =
          new Options(
              cl.value("host", LocalKafkaBroker.DEFAULT_HOST),
              cl.port("port", LocalKafkaBroker.DEFAULT_PORT),
              cl.port("controller-port", 0),
              cl.value("data").map(Path::of).orElse(LocalKafkaBroker.DEFAULT_DATA_DIR),
              Map.copyOf(cl.pairs("set")),
              cl.help());
      cl.rejectUnread();
      return o;
    }

    LocalKafkaBroker.Builder toBuilder() {
      return LocalKafkaBroker.builder()
          .host(host)
          .port(port)
          .controllerPort(controllerPort)
          .dataDir(dataDir)
          .properties(properties);
    }
  }
}
