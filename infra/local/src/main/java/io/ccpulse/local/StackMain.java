package io.ccpulse.local;

import io.ccpulse.local.report.LivePage;
import io.ccpulse.options.CommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make stack}: Kafka and ClickHouse in the foreground until Ctrl-C, which stops both
 * cleanly, and the live queue-health page on http://127.0.0.1:8090/.
 *
 * <p>Options: {@code --live-port N} (the live page's port, 0 for any free one), {@code
 * --live-refresh 5s} (how often the page reads ClickHouse), {@code --live-window 2h} (how much of
 * the latest event time it shows).
 */
public final class StackMain {
  private StackMain() {}

  public static void main(String[] args) throws Exception {
    CommandLine options = CommandLine.readOrExit("stack", () -> CommandLine.parse(args, Set.of()));
    int livePort =
        CommandLine.readOrExit("stack", () -> options.port("live-port", LivePage.DEFAULT_PORT));
    Duration refresh =
        CommandLine.readOrExit(
            "stack", () -> options.duration("live-refresh", Duration.ofSeconds(5)));
    Duration window =
        CommandLine.readOrExit("stack", () -> options.duration("live-window", Duration.ofHours(2)));
    CommandLine.readOrExit(
        "stack",
        () -> {
          options.rejectUnread();
          return null;
        });
    LocalStack stack = LocalStack.startOrAttach(Path.of(".local"), System.out);
    if (stack.attached()) {
      System.out.println("Nothing to start: the stack is already running elsewhere.");
      return;
    }
    LocalStack.migrate(LocalStack.clickHouse("ccpulse"), System.out);
    LivePage live = LivePage.start(LocalStack.clickHouse("ccpulse"), livePort, window, refresh);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nStopping the local stack...");
                  live.close();
                  stack.close();
                  System.out.println("Stopped.");
                  stopped.countDown();
                },
                "stack-shutdown"));
    System.out.println();
    System.out.println("Ready. Try:");
    System.out.println("  curl 'http://127.0.0.1:8123/?query=SELECT%20version()'");
    System.out.println("  make query SQL=\"SHOW TABLES\"");
    System.out.println("  Kafka clients: bootstrap.servers=127.0.0.1:9092");
    System.out.println(
        "  live queue health and alerts (after `make run` in another terminal): " + live.uri());
    System.out.println("Ctrl-C stops both.");
    stopped.await();
  }
}
