package io.ccpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Thread CPU grouped by pool, and a busy thread of this very process found by its name. */
class ThreadCpuTest {
  @Test
  void aPoolsThreadsCountTogetherAndOtherNamesStay() {
    assertThat(ThreadCpu.group("GC Thread#0")).isEqualTo("GC Thread");
    assertThat(ThreadCpu.group("pool-1-thread-12")).isEqualTo("pool-1-thread");
    assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
    assertThat(ThreadCpu.group("MergeMutate")).isEqualTo("MergeMutate");
  }

  @Test
  void smallGroupsAreSummedAsOthers() {
    Map<String, Long> byName = new LinkedHashMap<>();
    byName.put("MergeMutate", 29_100L);
    byName.put("chdb-http", 21_600L);
    byName.put("tiny", 100L);
    assertThat(ThreadCpu.describe(byName))
        .isEqualTo("MergeMutate 29.1 s, chdb-http 21.6 s, others 0.1 s");
  }

  @Test
  void aBusyThreadOfThisProcessIsFoundByItsPool() throws Exception {
    ThreadCpu before = ThreadCpu.start(ProcessHandle.current().pid());
    AtomicBoolean stop = new AtomicBoolean();
    Thread busy =
        new Thread(
            () -> {
              while (!stop.get()) {
                Thread.onSpinWait();
              }
            },
            "busy-bench-7");
    busy.start();
    try {
      // Spins until it has had at least one clock tick (10 ms) of CPU, however loaded the machine.
      long deadline = System.nanoTime() + 30_000_000_000L;
      Map<String, Long> since = before.since();
      while (since.getOrDefault("busy-bench", 0L) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        since = before.since();
      }
      assertThat(since.get("busy-bench")).isPositive();
      assertThat(since.keySet()).doesNotContain("busy-bench-7");
    } finally {
      stop.set(true);
      busy.join();
    }
  }
}
