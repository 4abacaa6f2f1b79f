package io.ccpulse.simulator.output;

import java.time.Instant;

/**
 * Holds records back so the simulated clock runs at {@code speed} × real time: a record delivered
 * at simulated time t is passed on when {@code (t - start) / speed} has passed since the first
 * record.
 */
public final class PacedSink implements RecordSink {
  private final RecordSink next;
  private final double speed;
  private final long simulatedStart;
  private long realStartNanos = -1;

  public PacedSink(RecordSink next, double speed, Instant simulatedStart) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    this.next = next;
    this.speed = speed;
    this.simulatedStart = simulatedStart.toEpochMilli();
  }

  @Override
  public void accept(DeliveredRecord record) {
    if (realStartNanos < 0) {
      realStartNanos = System.nanoTime();
    }
    long dueNanos =
        realStartNanos + (long) ((record.deliveredAtMillis() - simulatedStart) * 1_000_000 / speed);
    long wait = dueNanos - System.nanoTime();
    if (wait > 1_000_000) {
      // Before a noticeable pause, flush, so a consumer sees everything that is due while we wait.
      if (wait > 20_000_000) {
        next.flush();
        wait = dueNanos - System.nanoTime();
      }
      try {
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing", e);
      }
    }
    next.accept(record);
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
