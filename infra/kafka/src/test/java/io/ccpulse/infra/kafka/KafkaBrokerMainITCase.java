package io.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line broker as a real child process: ready line, usable, clean stop on SIGTERM. */
class KafkaBrokerMainITCase {

  private static final Pattern READY = Pattern.compile("ready: bootstrap\\.servers=(\\S+) ");

  @TempDir Path tmp;

  @Test
  void runsInTheForegroundUntilStopped() throws Exception {
    Path data = tmp.resolve("data");
    // A file, not a pipe: the JDK drops what a child writes to a pipe while it exits.
    Path output = tmp.resolve("out.txt");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                testClassPath(),
                KafkaBrokerMain.class.getName(),
                "--port",
                "0",
                "--data",
                data.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      String bootstrap = awaitReady(output, process);

      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
      }
      // The data dir is held by the child: a second broker must refuse it, not share it.
      assertThatThrownBy(() -> LocalKafkaBroker.builder().port(0).dataDir(data).build().start())
          .isInstanceOf(KafkaStartException.class)
          .hasMessageContaining("in use");

      process.destroy(); // SIGTERM, like Ctrl-C: runs the shutdown hook
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
      assertThat(Files.readAllLines(output))
          .as("output")
          .anyMatch(line -> line.startsWith("Kafka stopped"));
      assertThat(data.resolve(".kafka_cleanshutdown")).as("clean shutdown marker").exists();
    } finally {
      process.destroyForcibly();
    }
  }

  private static String awaitReady(Path output, Process process) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      Matcher m = READY.matcher(Files.readString(output));
      if (m.find()) {
        return m.group(1);
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "KafkaBrokerMain exited with " + process.exitValue() + ": " + Files.readString(output));
      }
      Topics.pause();
    }
    throw new AssertionError("No ready line within 90 s: " + Files.readString(output));
  }

  /**
   * Surefire/failsafe may hide the real class path behind a manifest-only jar; either works for a
   * child JVM.
   */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
