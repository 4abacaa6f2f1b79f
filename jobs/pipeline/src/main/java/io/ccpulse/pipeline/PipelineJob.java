package io.ccpulse.pipeline;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.agent.AgentInput;
import io.ccpulse.pipeline.agent.AgentTimeline;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.BurnoutAssessor;
import io.ccpulse.pipeline.burnout.BurnoutRow;
import io.ccpulse.pipeline.burnout.BurnoutSettings;
import io.ccpulse.pipeline.burnout.BurnoutStage;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.contact.ContactAssembler;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactKind;
import io.ccpulse.pipeline.contact.SurveyFacts;
import io.ccpulse.pipeline.ingest.IngestCount;
import io.ccpulse.pipeline.ingest.IngestMonitor;
import io.ccpulse.pipeline.interval.IntervalMetrics;
import io.ccpulse.pipeline.interval.IntervalRow;
import io.ccpulse.pipeline.interval.Thresholds;
import io.ccpulse.pipeline.queue.QueueHealthStage;
import io.ccpulse.pipeline.queue.QueueMonitor;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.pipeline.sink.PipelineSinks;
import io.ccpulse.pipeline.source.CountRejected;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.EventSources;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.RejectedEvent;
import io.ccpulse.pipeline.source.SplitRejected;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
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
 * interactions ─ decode ─ by contact: order, dedupe, assemble legs ─┐
 * surveys ────── decode ─ by survey: dedupe ─────────────────────────┴─ facts ─┬─> contact_facts
 *                                                                              └─ by entity: intervals ─> interval_metrics
 * agent states ─ decode ─┬─ by agent, with leg starts and ends: agent time ─> agent_time
 *                        ├─ by agent, with facts (legs via their queue's usual): burnout risk ─┬─> burnout_assessments
 *                        │                                                level changes ────────┴─> burnout_level_changes, Kafka topic
 * every stream ──────────┴─ ingest counts ─> ingest_counts
 * every rejection (decode, contact rules, too late) ─> rejected_events
 * interactions, agent states, as they arrive ─ live waits, agent availability ─ by queue: live health ─┬─> queue_health
 *                                                                              alerts ──────────────┴─> queue_alerts, Kafka topic
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

    Duration lateness = config.getDuration("metrics.allowed-lateness");
    SingleOutputStreamOperator<ContactFact> contactFacts = interactions
        .keyBy(ContactAssembler::key)
        .process(new ContactAssembler(lateness, config.getDuration("metrics.leg-timeout"),
            config.getDuration("metrics.contact-retention"), config.getInt("input.max-contact-events"),
            config.getDuration("input.max-contact-span")))
        .uid("contact-assembler").name("assemble contacts");
    SingleOutputStreamOperator<ContactFact> surveyFacts = surveys
        .keyBy(SurveyFacts::key)
        .process(new SurveyFacts(lateness, config.getDuration("metrics.dedup-ttl")))
        .uid("survey-facts").name("survey facts");
    DataStream<ContactFact> facts = contactFacts.union(surveyFacts);
    facts.filter(f -> f.kind != FactKind.LEG_STARTED).uid("facts-for-table").name("counted facts")
        .sinkTo(sinks.contactFacts()).uid("sink-contact-facts").name("contact_facts");

    List<Duration> sizes = intervalSizes();
    List<SingleOutputStreamOperator<IntervalRow>> intervals =
        IntervalMetrics.build(facts, sizes, Thresholds.from(config), lateness);
    DataStream<IntervalRow> rows = intervals.get(0);
    DataStream<RejectedEvent> tooLate = tooLate(intervals.get(0), sizes.get(0));
    for (int i = 1; i < sizes.size(); i++) {
      rows = rows.union(intervals.get(i));
      tooLate = tooLate.union(tooLate(intervals.get(i), sizes.get(i)));
    }
    rows.sinkTo(sinks.intervalMetrics()).uid("sink-interval-metrics").name("interval_metrics");

    SingleOutputStreamOperator<io.ccpulse.pipeline.agent.AgentTimeRow> agentTime = agentStates
        .map(AgentInput::of).returns(AgentInput.class).uid("agent-presence").name("presence")
        .union(contactFacts.flatMap((ContactFact f, org.apache.flink.util.Collector<AgentInput> out) -> {
          AgentInput edge = AgentInput.of(f);
          if (edge != null) {
            out.collect(edge);
          }
        }).returns(AgentInput.class).uid("agent-leg-edges").name("leg edges"))
        .keyBy(AgentInput::key)
        .process(new AgentTimeline(sizes, lateness, config.getDuration("metrics.dedup-ttl")))
        .uid("agent-timeline").name("agent time");
    agentTime.sinkTo(sinks.agentTime()).uid("sink-agent-time").name("agent_time");

    // Burnout risk in this job, not a second one: it needs the legs the contact assembly makes (with
    // their retractions) and the same event time; a second job would assemble contacts again.
    SingleOutputStreamOperator<BurnoutRow> burnout = BurnoutStage.build(agentStates, facts,
        BurnoutSettings.from(config), lateness, config.getDuration("metrics.dedup-ttl"));
    burnout.sinkTo(sinks.burnoutAssessments()).uid("sink-burnout-assessments").name("burnout_assessments");
    DataStream<LevelChange> levelChanges = burnout.getSideOutput(BurnoutAssessor.LEVEL_CHANGES);
    levelChanges.sinkTo(sinks.burnoutLevelChanges()).uid("sink-burnout-level-changes").name("burnout_level_changes");
    if (!config.get("kafka.topic.burnout-level-changes").isEmpty()) { // empty: no supervisor tool listens
      levelChanges.sinkTo(sinks.burnoutLevelChangeTopic()).uid("topic-burnout-level-changes").name("burnout level-change topic");
    }

    // Live queue health reads the decoded events as they arrive, not the assembled contacts: those
    // wait for the out-of-orderness bound, and an alert is worth most in its first seconds.
    SingleOutputStreamOperator<QueueSnapshot> queueHealth = QueueHealthStage.build(interactions, agentStates, config);
    queueHealth.sinkTo(sinks.queueHealth()).uid("sink-queue-health").name("queue_health");
    DataStream<QueueAlert> alerts = queueHealth.getSideOutput(QueueMonitor.ALERTS);
    alerts.sinkTo(sinks.queueAlerts()).uid("sink-queue-alerts").name("queue_alerts");
    if (!config.get("kafka.topic.queue-alerts").isEmpty()) {
      alerts.sinkTo(sinks.queueAlertTopic()).uid("topic-queue-alerts").name("queue alert topic");
    }

    Duration ingestInterval = config.getDuration("ingest.interval");
    DataStream<IngestCount> ingest = IngestMonitor.count(interactions, EventKind.INTERACTION, ingestInterval)
        .union(IngestMonitor.count(agentStates, EventKind.AGENT_STATE, ingestInterval),
            IngestMonitor.count(surveys, EventKind.SURVEY, ingestInterval));
    ingest.sinkTo(sinks.ingestCounts()).uid("sink-ingest-counts").name("ingest_counts");

    DataStream<RejectedEvent> rejected = interactions.getSideOutput(SplitRejected.REJECTED)
        .union(agentStates.getSideOutput(SplitRejected.REJECTED), surveys.getSideOutput(SplitRejected.REJECTED),
            contactFacts.getSideOutput(ContactAssembler.REJECTED), surveyFacts.getSideOutput(SurveyFacts.REJECTED),
            agentTime.getSideOutput(AgentTimeline.REJECTED), tooLate);
    rejected.map(new CountRejected()).uid("count-rejected").name("count rejected")
        .sinkTo(sinks.rejectedEvents()).uid("sink-rejected-events").name("rejected_events");
  }

  private static DataStream<RejectedEvent> tooLate(SingleOutputStreamOperator<IntervalRow> intervals, Duration size) {
    return intervals.getSideOutput(IntervalMetrics.TOO_LATE).map(IntervalMetrics::rejection)
        .uid("interval-too-late-" + size.toSeconds() + "s").name("too late for its interval");
  }

  private List<Duration> intervalSizes() {
    return java.util.Arrays.stream(config.get("metrics.intervals").split(","))
        .map(s -> io.ccpulse.pipeline.config.Durations.parse("metrics.intervals", s))
        .toList();
  }

  private static <T extends SpecificRecord> SingleOutputStreamOperator<Inbound<T>> accepted(
      DataStream<Inbound<T>> inbound, EventKind<T> kind) {
    // Same parallelism as the source, so it chains: a rebalance here would let one path's watermark
    // run ahead of another's, and lateness would depend on timing.
    return inbound.process(new SplitRejected<>()).returns(kind.inboundType()).setParallelism(inbound.getParallelism())
        .uid("split-rejected-" + kind.recordName()).name("split rejected " + kind.recordName());
  }
}
