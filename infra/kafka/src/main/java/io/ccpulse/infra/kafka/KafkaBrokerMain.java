package io.ccpulse.infra.kafka;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      String host = LocalKafkaBroker.DEFAULT_HOST;
      int port = LocalKafkaBroker.DEFAULT_PORT;
      int controllerPort = 0;
      Path data = LocalKafkaBroker.DEFAULT_DATA_DIR;
      Map<String, String> props = new LinkedHashMap<>();
      Deque<String> rest = new ArrayDeque<>(args);
      while (!rest.isEmpty()) {
        String arg = rest.pop();
        // Accept both "--port 9092" and "--port=9092".
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "--help", "-h" -> {
            return new Options(host, port, controllerPort, data, props, true);
          }
          case "--host" -> host = value(arg, value, rest);
          case "--port" -> port = port(arg, value(arg, value, rest));
          case "--controller-port" -> controllerPort = port(arg, value(arg, value, rest));
          case "--data" -> data = Path.of(value(arg, value, rest));
          case "--set" -> {
            String kv = value(arg, value, rest);
            int i = kv.indexOf('=');
            if (i <= 0) {
              throw new IllegalArgumentException("--set needs KEY=VALUE, got: " + kv);
            }
            props.put(kv.substring(0, i), kv.substring(i + 1));
          }
          default -> throw new IllegalArgumentException("Unknown argument: " + arg);
        }
      }
      return new Options(host, port, controllerPort, data, Map.copyOf(props), false);
    }

    LocalKafkaBroker.Builder toBuilder() {
      return LocalKafkaBroker.builder()
          .host(host)
          .port(port)
          .controllerPort(controllerPort)
          .dataDir(dataDir)
          .properties(properties);
    }

    private static String value(String arg, String inline, Deque<String> rest) {
      if (inline != null) {
        return inline;
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      return rest.pop();
    }

    private static int port(String arg, String value) {
      try {
        int p = Integer.parseInt(value);
        if (p < 0 || p > 65535) {
          throw new NumberFormatException();
        }
        return p;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(arg + " needs a port number (0-65535), got: " + value);
      }
    }
  }
}
