package io.ccpulse.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.apache.commons.io.output.TeeOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting a JobManager when a port is already taken, for real: the test binds a socket on the port
 * first. Ports picked free can be taken before the JobManager binds them (that stopped a CI run
 * once), so the cluster picks again; a port the caller named is the caller's to free, so the start
 * fails with the JobManager's own reason in the message.
 */
class LocalFlinkClusterITCase {
  @TempDir Path dir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out =
      new PrintStream(new TeeOutputStream(System.out, printed), true, StandardCharsets.UTF_8);

  @Test
  void aPickedPortTakenBeforeTheJobManagerBindsItIsPickedAgain() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      // First start: the REST port is the taken one; second start: the RPC port; third: free ones.
      Queue<Integer> picks =
          new ArrayDeque<>(
              List.of(port, LocalFlinkCluster.freePort(), LocalFlinkCluster.freePort(), port));
      try (LocalFlinkCluster cluster =
          builder()
              .freePorts(() -> picks.isEmpty() ? LocalFlinkCluster.freePort() : picks.remove())
              .start(Duration.ofMinutes(3))) {
        assertThat(cluster.rest().overview().path("taskmanagers").asInt()).isZero();
        assertThat(cluster.restAddress()).doesNotEndWith(":" + port);
      }
      String log = printed.toString(StandardCharsets.UTF_8);
      assertThat(log.split("could not bind its port", -1)).hasSize(3);
      assertThat(dir.resolve("jobmanager.log.failed-start-1")).isRegularFile();
      assertThat(dir.resolve("jobmanager.log.failed-start-2")).isRegularFile();
    }
  }

  @Test
  void aNamedRestPortInUseFailsTheStartWithTheJobManagersReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> builder().restPort(port).start(Duration.ofMinutes(3)).close())
          .isInstanceOf(JobManagerEnded.class)
          .hasMessageContaining("The JobManager ended (exit")
          .hasMessageContaining(String.valueOf(port))
          .satisfies(e -> assertThat(((JobManagerEnded) e).portTaken).isTrue());
    }
  }

  private LocalFlinkCluster.Builder builder() throws Exception {
    return LocalFlinkCluster.builder(
            Path.of(System.getProperty("ccpulse.flink.conf.dir")),
            dir,
            LocalFlinkCluster.libClasspath(
                Path.of(System.getProperty("ccpulse.flink.lib.classpath.file"))))
        .taskManagers(0)
        .log(out);
  }
}
