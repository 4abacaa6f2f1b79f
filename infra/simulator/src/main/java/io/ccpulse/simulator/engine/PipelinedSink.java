package io.ccpulse.simulator.engine;

import io.ccpulse.simulator.output.EventStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * Runs an {@link EventSink} on its own thread, fed in batches and in order, so the engine simulates
 * while the previous events are encoded, faulted, counted in the truth and written. Order is kept
 * (one consumer, first in first out), so output stays byte-identical to running both on one thread.
 */
public final class PipelinedSink implements EventSink, AutoCloseable {
  private static final int BATCH = 4096;
  private static final Object[] END = new Object[0];

  private final EventSink delegate;
  private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(8);
  private final Thread consumer;
  private volatile Throwable failure;
  private boolean reported;
  private Object[] batch = new Object[BATCH];
  private int size;
  private long lastAdvance = Long.MIN_VALUE;

  /** One queued call: an event (impossible or not) or an advance of the clock. */
  private record Call(
      EventStream stream,
      String key,
      SpecificRecord event,
      long time,
      boolean tooLate,
      boolean impossible) {}

  public PipelinedSink(EventSink delegate) {
    this.delegate = delegate;
    this.consumer = new Thread(this::consume, "ccpulse-simulator-output");
    consumer.setDaemon(true);
    consumer.start();
  }

  @Override
  public void event(
      EventStream stream, String key, SpecificRecord event, long occurredAt, boolean tooLate) {
    add(new Call(stream, key, event, occurredAt, tooLate, false));
  }

  @Override
  public void impossible(EventStream stream, String key, SpecificRecord event, long occurredAt) {
    add(new Call(stream, key, event, occurredAt, false, true));
  }

  @Override
  public void advance(long now) {
    // Most actions share their time with the previous one; only a new time needs passing on.
    if (now > lastAdvance) {
      lastAdvance = now;
      add(now);
    }
  }

  /**
   * Hands over what is left, waits for the consumer to finish and rethrows its failure, if any and
   * not thrown already (so try-with-resources does not report it twice).
   */
  @Override
  public void close() {
    try {
      if (!reported) {
        handOver();
      }
    } finally {
      // Always end the consumer, even when the hand-over just reported its failure.
      put(END);
      try {
        consumer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while finishing the output", e);
      }
    }
    if (!reported) {
      rethrow();
    }
  }

  private void add(Object call) {
    batch[size++] = call;
    if (size == BATCH) {
      handOver();
    }
  }

  private void handOver() {
    rethrow();
    if (size > 0) {
      Object[] full = size == BATCH ? batch : Arrays.copyOf(batch, size);
      put(full);
      batch = new Object[BATCH];
      size = 0;
    }
  }

  private void put(Object[] b) {
    try {
      while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
        if (b != END) {
          rethrow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing events to the output", e);
    }
  }

  private void consume() {
    try {
      while (true) {
        Object[] b = queue.take();
        if (b == END) {
          return;
        }
        for (Object o : b) {
          if (o instanceof Long now) {
            delegate.advance(now);
          } else {
            Call c = (Call) o;
            if (c.impossible) {
              delegate.impossible(c.stream, c.key, c.event, c.time);
            } else {
              delegate.event(c.stream, c.key, c.event, c.time, c.tooLate);
            }
          }
        }
      }
    } catch (Throwable t) {
      failure = t;
      // Keep draining so the engine never blocks on a full queue; it sees the failure at its next
      // hand-over.
      drain();
    }
  }

  private void drain() {
    try {
      while (queue.take() != END) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrow() {
    Throwable t = failure;
    reported |= t != null;
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }
}
