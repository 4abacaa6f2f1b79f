package io.ccpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class JobThreadCpuTest {
  @Test
  void aTaskThreadIsNamedByItsChainsFirstStepsAnyOtherByItsPool() {
    assertThat(
            JobThreadCpu.chain(
                "assemble contacts -> (counted facts, contact_resolutions: Writer) (1/2)#0"))
        .isEqualTo("assemble contacts");
    assertThat(
            JobThreadCpu.chain(
                "Source: kafka-bench.interactions -> offset continuity InteractionEvent -> partition"
                    + " clock InteractionEvent (1/1)#0"))
        .isEqualTo("Source: interactions -> offset continuity InteractionEvent");
    assertThat(
            JobThreadCpu.chain("Source: kafka-bench.bench_r3.queue-health -> queue_health: Writer"))
        .isEqualTo("Source: queue-health -> queue_health: Writer");
    assertThat(JobThreadCpu.chain("data-plane-kafka-request-handler-7"))
        .isEqualTo("data-plane-kafka-request-handler");
  }

  @Test
  void aThreadThatEndedBeforeTheEndIsCountedByItsLastPoll() throws Exception {
    try (JobThreadCpu cpu = JobThreadCpu.start()) {
      Thread busy =
          new Thread(
              () -> {
                // 500 ms of its own CPU, however busy the machine
                var self = ManagementFactory.getThreadMXBean();
                long x = 0;
                while (self.getCurrentThreadCpuTime() < 500_000_000L) {
                  x += System.nanoTime() % 7;
                }
                if (x == 42) {
                  System.out.println(x);
                }
              },
              "busy step (1/1)#0");
      busy.start();
      busy.join();
      Thread.sleep(500); // gone, and polled at least twice since
      assertThat(cpu.byChain()).containsKey("busy step");
      // its last poll interval (200 ms of wall time) at most missed
      assertThat(cpu.byChain().get("busy step")).isBetween(250L, 600L);
    }
  }
}
