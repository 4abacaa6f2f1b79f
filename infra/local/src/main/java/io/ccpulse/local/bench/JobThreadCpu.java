package io.ccpulse.local.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This JVM's CPU over a span by thread, under Java's full thread names: a Flink task thread is
 * named after its operator chain, so this is the job's CPU by chain, measured rather than sampled.
 * Task threads end with their job, so the threads are read every {@link #POLL_MS} while it runs and
 * each keeps the last figure read (a thread's final poll interval at most is missed).
 */
final class JobThreadCpu implements AutoCloseable {
  private static final long POLL_MS = 200;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> atStart = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final Map<Long, Long> latest = new HashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  /** The JVM's own threads (compilers, collectors), which Java does not list: from /proc. */
  private final ThreadCpu vm = ThreadCpu.start(ProcessHandle.current().pid());

  private JobThreadCpu() {
    for (long id : threads.getAllThreadIds()) {
      long ns = threads.getThreadCpuTime(id);
      if (ns >= 0) {
        atStart.put(id, ns);
      }
    }
    poller =
        new Thread(
            () -> {
              while (running) {
                poll();
                try {
                  Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-thread-cpu");
    poller.setDaemon(true);
    poller.start();
  }

  static JobThreadCpu start() {
    return new JobThreadCpu();
  }

  private synchronized void poll() {
    for (long id : threads.getAllThreadIds()) {
      long ns = threads.getThreadCpuTime(id);
      if (ns < 0) {
        continue; // ended since the list was read
      }
      if (!names.containsKey(id)) { // a thread's info only once: the poll's own CPU counts too
        ThreadInfo info = threads.getThreadInfo(id);
        if (info == null) {
          continue;
        }
        names.put(id, info.getThreadName());
      }
      latest.put(id, ns);
    }
  }

  /**
   * The CPU since {@link #start} by chain or pool, in ms, largest first, with the JVM's own work:
   * "JIT compilers" and "garbage collector" (their threads', which Java does not list).
   */
  synchronized Map<String, Long> byChain() {
    poll();
    Map<String, Long> byName = new HashMap<>();
    vm.since()
        .forEach(
            (name, ms) -> {
              String work = vmWork(name);
              if (work != null) {
                byName.merge(work, ms, Long::sum);
              }
            });
    latest.forEach(
        (id, ns) -> {
          long ms = (ns - atStart.getOrDefault(id, 0L)) / 1_000_000;
          if (ms > 0) {
            byName.merge(chain(names.get(id)), ms, Long::sum);
          }
        });
    Map<String, Long> sorted = new LinkedHashMap<>();
    byName.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** "JIT compilers" or "garbage collector" for a JVM thread's Linux name; null for the rest. */
  static String vmWork(String thread) {
    if (thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre")) {
      return "JIT compilers";
    }
    if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
      return "garbage collector";
    }
    return null;
  }

  /**
   * A task thread's chain without its subtask ("(1/2)#0"), its round's topic prefix and what
   * follows its first operator's arrow; any other thread's pool ({@link ThreadCpu#group}).
   */
  static String chain(String thread) {
    String name =
        thread
            .replaceAll(" \\(\\d+/\\d+\\)#\\d+$", "")
            .replaceAll("kafka-bench\\.(bench_r\\d+\\.)?", "");
    int arrow = name.indexOf(" -> ");
    if (name.startsWith("Source: ") && arrow > 0) {
      // the sources' chains differ only after their first steps
      int second = name.indexOf(" -> ", arrow + 4);
      return second > 0 ? name.substring(0, second) : name;
    }
    return ThreadCpu.group(arrow > 0 ? name.substring(0, arrow) : name);
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
  }
}
