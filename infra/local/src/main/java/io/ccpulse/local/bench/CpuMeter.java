package io.ccpulse.local.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Where the CPU went during a round: this JVM (the Flink job, the Kafka broker, the benchmark), the
 * ClickHouse process, and the JVM's garbage collection, against what the cores could give in the
 * same wall time. On a 2-core machine this says what bounds the throughput.
 */
final class CpuMeter {
  private final long clickhousePid;
  private final long wallNanos;
  private final long jvmCpuMs;
  private final long clickhouseCpuMs;
  private final long gcMs;

  private CpuMeter(long clickhousePid) {
    this.clickhousePid = clickhousePid;
    this.wallNanos = System.nanoTime();
    this.jvmCpuMs = cpuMs(ProcessHandle.current());
    this.clickhouseCpuMs = ProcessHandle.of(clickhousePid).map(CpuMeter::cpuMs).orElse(0L);
    long gc = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, bean.getCollectionTime());
    }
    this.gcMs = gc;
  }

  static CpuMeter start(long clickhousePid) {
    return new CpuMeter(clickhousePid);
  }

  /** CPU used since {@link #start}, in milliseconds, with the wall time it was used in. */
  record Usage(long jvmMs, long gcMs, long clickhouseMs, long wallMs) {
    /** The pipeline's own CPU: this JVM (job and broker) and ClickHouse. */
    long totalMs() {
      return jvmMs + clickhouseMs;
    }

    @Override
    public String toString() {
      int cores = Runtime.getRuntime().availableProcessors();
      return String.format(
          "CPU: this JVM (job, broker) %.1f s (of which GC %.1f s), ClickHouse %.1f s;"
              + " %d cores x %.1f s = %.1f s available, %.0f %% of it used by these two",
          jvmMs / 1000.0,
          gcMs / 1000.0,
          clickhouseMs / 1000.0,
          cores,
          wallMs / 1000.0,
          cores * wallMs / 1000.0,
          100.0 * totalMs() / (cores * wallMs));
    }
  }

  Usage since() {
    CpuMeter now = new CpuMeter(clickhousePid);
    return new Usage(
        now.jvmCpuMs - jvmCpuMs,
        now.gcMs - gcMs,
        now.clickhouseCpuMs - clickhouseCpuMs,
        Math.max(1, (now.wallNanos - wallNanos) / 1_000_000));
  }

  private static long cpuMs(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }
}
