package io.ccpulse.pipeline.burnout;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactKind;
import io.ccpulse.pipeline.contact.FactStreams;
import io.ccpulse.pipeline.source.Inbound;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The burnout-risk part of the graph: contact facts to inputs; completed legs through the queue
 * (for the queue's usual handle time); then with presence changes, by agent, into assessments (and
 * level changes in {@link BurnoutAssessor#LEVEL_CHANGES}). {@code boundedInput}: a replay of
 * history that ends (kafka.bounded), whose rows must not depend on where the watermark was when it
 * ended.
 */
public final class BurnoutStage {
  private BurnoutStage() {}

  public static SingleOutputStreamOperator<BurnoutRow> build(
      DataStream<Inbound<AgentStateEvent>> agentStates,
      FactStreams facts,
      BurnoutSettings settings,
      Duration allowedLateness,
      Duration dedupTtl,
      boolean boundedInput) {
    DataStream<BurnoutInput> legs =
        facts
            .each("burnout-legs", "completed legs", f -> inputs(f, true))
            .keyBy(BurnoutInput::queueKey)
            .process(
                new QueueUsualHandle(Duration.ofMillis(settings.baselineMs), allowedLateness),
                new BurnoutInputSerializer.Type())
            .uid("burnout-queue-usual")
            .name("queue usual handle");
    DataStream<BurnoutInput> others =
        facts.each("burnout-contact-edges", "contact edges, surveys", f -> inputs(f, false));
    DataStream<BurnoutInput> presence =
        agentStates
            .map(BurnoutInput::of)
            .returns(new BurnoutInputSerializer.Type())
            .uid("burnout-presence")
            .name("burnout presence");
    return presence
        .union(others, legs)
        .keyBy(BurnoutInput::key)
        .process(new BurnoutAssessor(settings, allowedLateness, dedupTtl, boundedInput))
        .uid("burnout-assessor")
        .name("burnout risk");
  }

  /** The facts burnout reads, as its inputs: the completed legs, or everything else. */
  private static SingleOutputStreamOperator<BurnoutInput> inputs(
      DataStream<ContactFact> facts, boolean legs) {
    return facts
        .flatMap(
            (ContactFact f, Collector<BurnoutInput> out) -> {
              if ((f.kind == FactKind.LEG)
                  == legs) { // LEG is the one fact that becomes a LEG input
                BurnoutInput in = BurnoutInput.of(f);
                if (in != null) {
                  out.collect(in);
                }
              }
            })
        .returns(new BurnoutInputSerializer.Type());
  }
}
