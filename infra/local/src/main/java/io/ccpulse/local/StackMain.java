package io.ccpulse.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make stack}: Kafka and ClickHouse in the foreground until Ctrl-C, which stops both
 * cleanly.
 */
public final class StackMain {
  private StackMain() {}

  public static void main(String[] args) throws Exception {
    LocalStack stack = LocalStack.startOrAttach(Path.of(".local"), System.out);
    if (stack.attached()) {
      System.out.println("Nothing to start: the stack is already running elsewhere.");
      return;
    }
    LocalStack.migrate(LocalStack.clickHouse("ccpulse"), System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nStopping the local stack...");
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
    System.out.println("Ctrl-C stops both.");
    stopped.await();
  }
}
