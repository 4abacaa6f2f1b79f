package io.ccpulse.simulator.output;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Passes records on and prints progress (records, rate, simulated time) every few seconds. */
public final class ProgressSink implements RecordSink {
  private final RecordSink next;
  private final PrintStream out;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private long lastNanos = startNanos;
  private long lastCount;
  private long count;

  public ProgressSink(RecordSink next, PrintStream out, long intervalSeconds) {
    this.next = next;
    this.out = out;
    this.intervalNanos = intervalSeconds * 1_000_000_000L;
  }

  @Override
  public void accept(DeliveredRecord record) {
    next.accept(record);
    count++;
    // Checking the clock on every record would cost more than the record.
    if ((count & 1023) == 0) {
      long now = System.nanoTime();
      if (now - lastNanos >= intervalNanos) {
        double rate = (count - lastCount) / ((now - lastNanos) / 1e9);
        out.printf(
            "simulated %s  %,d records  %,.0f records/s%n",
            Instant.ofEpochMilli(record.deliveredAtMillis()).truncatedTo(ChronoUnit.SECONDS),
            count,
            rate);
        lastNanos = now;
        lastCount = count;
      }
    }
  }

  /** Records passed on so far. */
  public long count() {
    return count;
  }

  /** Seconds since this sink was created. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  @Override
  public void flush() {
    next.flush();
  }

  @Override
  public void close() {
    next.close();
  }
}
