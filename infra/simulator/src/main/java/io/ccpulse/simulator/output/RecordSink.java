package io.ccpulse.simulator.output;

/**
 * Where delivered records go, in delivery order. I/O failures are unchecked ({@link
 * java.io.UncheckedIOException}, Kafka exceptions) so sinks compose as lambdas.
 */
public interface RecordSink extends AutoCloseable {
  void accept(DeliveredRecord record);

  /** Makes everything accepted so far durable (flushed to disk, acknowledged by the broker). */
  default void flush() {}

  @Override
  default void close() {
    flush();
  }
}
