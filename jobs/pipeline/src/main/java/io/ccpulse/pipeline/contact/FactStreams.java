package io.ccpulse.pipeline.contact;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The facts, as the two streams that make them: contact assembly and survey facts. Each consumer's
 * first (stateless) step runs on both, chained to each producer, and only what it keeps is merged:
 * a union in front of the consumers would send every fact over the network once per consumer before
 * anything was done with it (Flink chains no operator that has two inputs).
 */
public final class FactStreams {
  private final DataStream<ContactFact> contacts;
  private final DataStream<ContactFact> surveys;

  public FactStreams(DataStream<ContactFact> contacts, DataStream<ContactFact> surveys) {
    this.contacts = contacts;
    this.surveys = surveys;
  }

  /**
   * {@code step} on the contacts' facts (operator {@code uid}) and on the surveys' ({@code uid}
   * -surveys), merged.
   */
  public <T> DataStream<T> each(
      String uid,
      String name,
      Function<DataStream<ContactFact>, SingleOutputStreamOperator<T>> step) {
    SingleOutputStreamOperator<T> fromContacts = step.apply(contacts).uid(uid).name(name);
    SingleOutputStreamOperator<T> fromSurveys =
        step.apply(surveys).uid(uid + "-surveys").name(name + " (surveys)");
    return fromContacts.union(fromSurveys);
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
    step.apply(contacts).uid(uid).name(name).sinkTo(sink.get()).uid(sinkUid).name(sinkName);
    step.apply(surveys)
        .uid(uid + "-surveys")
        .name(name + " (surveys)")
        .sinkTo(sink.get())
        .uid(sinkUid + "-surveys")
        .name(sinkName + " (surveys)");
  }
}
