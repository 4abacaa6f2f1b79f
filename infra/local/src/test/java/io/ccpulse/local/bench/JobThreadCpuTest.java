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
  void theJvmsOwnThreadsAreCountedAsItsCompilersAndCollector() {
    assertThat(JobThreadCpu.vmWork("C2 CompilerThre")).isEqualTo("JIT compilers");
    assertThat(JobThreadCpu.vmWork("C1 CompilerThre")).isEqualTo("JIT compilers");
    assertThat(JobThreadCpu.vmWork("GC Thread")).isEqualTo("garbage collector");
    assertThat(JobThreadCpu.vmWork("G1 Conc")).isEqualTo("garbage collector");
    assertThat(JobThreadCpu.vmWork("assemble contac")).isNull();
  }

  @Test
  void theCompilersWorkIsMeasured() throws Exception {
    try (JobThreadCpu cpu = JobThreadCpu.start()) {
      // code the JIT has not seen: a class of its own, run hot enough to be compiled
      long x = 0;
      for (int i = 0; i < 2_000_000; i++) {
        x += Long.toString(i).hashCode() % 3;
      }
      assertThat(x).isNotZero();
      Thread.sleep(300);
      assertThat(cpu.byChain()).containsKey("JIT compilers");
    }
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
