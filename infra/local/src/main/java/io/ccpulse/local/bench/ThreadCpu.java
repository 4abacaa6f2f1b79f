package io.ccpulse.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a process spends its CPU, by thread name (Linux {@code /proc/PID/task}): for ClickHouse,
 * its background merges ({@code MergeMutate}) apart from the queries (the HTTP front's threads and
 * the query pipeline's pools), without any log of its own. Threads that ended during the span are
 * no longer listed; their CPU is the process's total less the threads'.
 */
final class ThreadCpu {
  /** Linux reports thread CPU in USER_HZ clock ticks, 100 per second on every common platform. */
  private static final long MS_PER_TICK = 10;

  private final long pid;
  private final Map<Long, Thread> threads;
  private final long processMs;

  private record Thread(String name, long ms) {}

  private ThreadCpu(long pid) {
    this.pid = pid;
    this.threads = read(pid);
    this.processMs =
        ProcessHandle.of(pid)
            .flatMap(p -> p.info().totalCpuDuration())
            .map(Duration::toMillis)
            .orElse(0L);
  }

  static ThreadCpu start(long pid) {
    return new ThreadCpu(pid);
  }

  /**
   * The CPU since {@link #start} by thread name (digits dropped: a pool's threads together),
   * largest first, with "(threads that ended)" for the rest of the process's.
   */
  Map<String, Long> since() {
    ThreadCpu now = new ThreadCpu(pid);
    Map<String, Long> byName = new HashMap<>();
    long sum = 0;
    for (Map.Entry<Long, Thread> e : now.threads.entrySet()) {
      Thread before = threads.get(e.getKey());
      long ms = e.getValue().ms() - (before == null ? 0 : before.ms());
      if (ms > 0) {
        byName.merge(group(e.getValue().name()), ms, Long::sum);
        sum += ms;
      }
    }
    long ended = (now.processMs - processMs) - sum;
    if (ended > 0) {
      byName.merge("(threads that ended)", ended, Long::sum);
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    byName.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** "MergeMutate 12.3 s, QueryPipelineEx 4.5 s, ..." for the groups of at least 1 % of the sum. */
  static String describe(Map<String, Long> byName) {
    long total = byName.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder b = new StringBuilder();
    long rest = 0;
    for (Map.Entry<String, Long> e : byName.entrySet()) {
      if (e.getValue() * 100 < total) {
        rest += e.getValue();
        continue;
      }
      b.append(b.isEmpty() ? "" : ", ")
          .append(e.getKey())
          .append(String.format(" %.1f s", e.getValue() / 1000.0));
    }
    if (rest > 0) {
      b.append(String.format(", others %.1f s", rest / 1000.0));
    }
    return b.toString();
  }

  /** A thread's pool: its name without digits and the separators before them. */
  static String group(String name) {
    return name.replaceAll("[-_#:\\s]*\\d+$", "").trim();
  }

  private static Map<Long, Thread> read(long pid) {
    Map<Long, Thread> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(
          task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              // pid (comm) state ppid ...: the name may hold spaces and parentheses.
              int open = stat.indexOf('(');
              int close = stat.lastIndexOf(')');
              String[] f = stat.substring(close + 2).split(" ");
              // After the name: state is field 3, utime 14 and stime 15 of the whole line.
              long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
              threads.put(
                  Long.parseLong(task.getFileName().toString()),
                  new Thread(stat.substring(open + 1, close), ticks * MS_PER_TICK));
            } catch (IOException | RuntimeException gone) {
              // The thread ended while the list was read: its CPU shows as "threads that ended".
            }
          });
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone: no split, the totals still stand.
    }
    return threads;
  }
}
