package io.ccpulse.pipeline;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.ingest.IngestCount;
import io.ccpulse.pipeline.ingest.IngestMonitor;
import io.ccpulse.pipeline.sink.PipelineSinks;
import io.ccpulse.pipeline.source.CountRejected;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.EventSources;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.RejectedEvent;
import io.ccpulse.pipeline.source.SplitRejected;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The pipeline graph, in one place. It receives its sources and sinks, so tests run this same
 * graph on their own data; {@link PipelineMain} wires Kafka and ClickHouse.
 *
 * <pre>
 * interactions ─┐                          ┌─> ingest counts ──> ingest_counts
 * agent states ─┼─ decode ─ split rejected ┤
 * surveys ──────┘                          └─> (rejections) ───> rejected_events
 * </pre>
 */
public final class PipelineJob {
  private final PipelineConfig config;
  private final EventSources sources;
  private final PipelineSinks sinks;

  public PipelineJob(PipelineConfig config, EventSources sources, PipelineSinks sinks) {
    this.config = config;
    this.sources = sources;
    this.sinks = sinks;
  }

  /** Adds the graph to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    Configuration pipeline = new Configuration();
    pipeline.set(PipelineOptions.GENERIC_TYPES, false); // every record has a real serializer, no Kryo
    env.configure(pipeline);

    SingleOutputStreamOperator<Inbound<InteractionEvent>> interactions = accepted(sources.interactions(env), EventKind.INTERACTION);
    SingleOutputStreamOperator<Inbound<AgentStateEvent>> agentStates = accepted(sources.agentStates(env), EventKind.AGENT_STATE);
    SingleOutputStreamOperator<Inbound<SurveyEvent>> surveys = accepted(sources.surveys(env), EventKind.SURVEY);

    Duration interval = config.getDuration("ingest.interval");
    DataStream<IngestCount> ingest = IngestMonitor.count(interactions, EventKind.INTERACTION, interval)
        .union(IngestMonitor.count(agentStates, EventKind.AGENT_STATE, interval),
            IngestMonitor.count(surveys, EventKind.SURVEY, interval));
    ingest.sinkTo(sinks.ingestCounts()).uid("sink-ingest-counts").name("ingest_counts");

    DataStream<RejectedEvent> rejected = interactions.getSideOutput(SplitRejected.REJECTED)
        .union(agentStates.getSideOutput(SplitRejected.REJECTED), surveys.getSideOutput(SplitRejected.REJECTED));
    rejected.map(new CountRejected()).uid("count-rejected").name("count rejected")
        .sinkTo(sinks.rejectedEvents()).uid("sink-rejected-events").name("rejected_events");
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> SingleOutputStreamOperator<Inbound<T>> accepted(
      DataStream<Inbound<T>> inbound, EventKind<T> kind) {
    return inbound.process(new SplitRejected<>()).returns(kind.inboundType())
        .uid("split-rejected-" + kind.recordName()).name("split rejected " + kind.recordName());
  }
}
