package io.ccpulse.pipeline.contact;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The facts, as the two streams that make them: contact assembly and survey facts. Each consumer's
 * first (stateless) step runs on both, chained to each producer, and only what it keeps is merged:
 * a union in front of the consumers would send every fact over the network once per consumer before
 * anything was done with it (Flink chains no operator that has two inputs).
 */
public final class FactStreams {
  /** A producer's facts, and what its operators' uids and names end with. */
  private record Producer(DataStream<ContactFact> facts, String uidSuffix, String nameSuffix) {
    /** {@code step} on this producer's facts, as operator {@code uid} and {@code name}. */
    <T> SingleOutputStreamOperator<T> apply(
        String uid,
        String name,
        Function<DataStream<ContactFact>, SingleOutputStreamOperator<T>> step) {
      return step.apply(facts).uid(uid + uidSuffix).name(name + nameSuffix);
    }
  }

  private final List<Producer> producers;

  public FactStreams(DataStream<ContactFact> contacts, DataStream<ContactFact> surveys) {
    this.producers =
        List.of(new Producer(contacts, "", ""), new Producer(surveys, "-surveys", " (surveys)"));
  }

  /**
   * {@code step} on the contacts' facts (operator {@code uid}) and on the surveys' ({@code uid}
   * -surveys), merged.
   */
  public <T> DataStream<T> each(
      String uid,
      String name,
      Function<DataStream<ContactFact>, SingleOutputStreamOperator<T>> step) {
    DataStream<T> merged = null;
    for (Producer p : producers) {
      SingleOutputStreamOperator<T> one = p.apply(uid, name, step);
      merged = merged == null ? one : merged.union(one);
    }
    return merged;
  }

  /**
   * {@code step}, then a sink of its own, on each stream: the sink chained to each producer, so
   * nothing crosses the network on its way to it. Uids as {@link #each}, for the step and the sink.
   */
  public <T> void eachInto(
      String uid,
      String name,
      Function<DataStream<ContactFact>, SingleOutputStreamOperator<T>> step,
      Supplier<Sink<T>> sink,
      String sinkUid,
      String sinkName) {
    for (Producer p : producers) {
      DataStreamSink<T> written = p.apply(uid, name, step).sinkTo(sink.get());
      written.uid(sinkUid + p.uidSuffix()).name(sinkName + p.nameSuffix());
    }
  }
}
