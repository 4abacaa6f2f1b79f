package io.ccpulse.pipeline;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.agent.AgentInput;
import io.ccpulse.pipeline.agent.AgentTimeRow;
import io.ccpulse.pipeline.agent.AgentTimeline;
import io.ccpulse.pipeline.burnout.BurnoutAssessor;
import io.ccpulse.pipeline.burnout.BurnoutRow;
import io.ccpulse.pipeline.burnout.BurnoutSettings;
import io.ccpulse.pipeline.burnout.BurnoutStage;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.contact.ContactAssembler;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.FactKind;
import io.ccpulse.pipeline.contact.FactStreams;
import io.ccpulse.pipeline.contact.SurveyFacts;
import io.ccpulse.pipeline.ingest.IngestCount;
import io.ccpulse.pipeline.ingest.IngestMonitor;
import io.ccpulse.pipeline.interval.IntervalMetrics;
import io.ccpulse.pipeline.interval.IntervalRow;
import io.ccpulse.pipeline.interval.Thresholds;
import io.ccpulse.pipeline.queue.QueueHealthStage;
import io.ccpulse.pipeline.queue.QueueMonitor;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.pipeline.sink.ClickHouseSinks;
import io.ccpulse.pipeline.sink.OutputTables;
import io.ccpulse.pipeline.sink.PipelineSinks;
import io.ccpulse.pipeline.source.CountRejected;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.EventSources;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.KafkaEventSources;
import io.ccpulse.pipeline.source.RejectedEvent;
import io.ccpulse.pipeline.source.SplitRejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The pipeline graphs, in one place: two jobs from the same jar, so live queue health and its
 * alerts never wait for ClickHouse. The live job reads the events and writes only to Kafka; the
 * metrics job computes everything else into ClickHouse, and copies the live job's snapshots and
 * alerts there from their topics. A ClickHouse outage backs the metrics job up to Kafka; the live
 * job goes on. It receives its sources and sinks, so tests run these same graphs on their own data.
 *
 * <pre>
 * live job:
 * interactions, agent states ─ decode ─ live waits, agent availability ─ by queue: live health ─┬─> queue-health topic
 *                                                                          alerts ───────────┴─> queue-alerts topic
 * metrics job:
 * interactions ─ decode ─ by contact: order, dedupe, assemble legs ─┐
 * surveys ────── decode ─ by survey: dedupe ─────────────────────────┴─ facts ─┬─> contact_facts
 *                                                                              └─ summed per entity and interval ─ by entity: intervals ─> interval_metrics
 * agent states ─ decode ─┬─ by agent, with leg starts and ends: agent time ─> agent_time
 *                        ├─ by agent, with facts (legs via their queue's usual): burnout risk ─┬─> burnout_assessments
 *                        │                                                level changes ────────┴─> burnout_level_changes, Kafka topic
 * every stream ──────────┴─ ingest counts ─> ingest_counts
 * every rejection (decode, contact rules, too late) ─> rejected_events
 * queue-health topic ─> queue_health;  queue-alerts topic ─> queue_alerts
 * </pre>
 */
public final class PipelineJob {
  private final PipelineConfig config;
  private final EventSources sources;
  private final EventSources liveSources;
  private final PipelineSinks sinks;

  public PipelineJob(PipelineConfig config, EventSources sources, PipelineSinks sinks) {
    this(config, sources, sources, sinks);
  }

  private PipelineJob(
      PipelineConfig config, EventSources sources, EventSources liveSources, PipelineSinks sinks) {
    this.config = config;
    this.sources = sources;
    this.liveSources = liveSources;
    this.sinks = sinks;
  }

  /** The production wiring: events from Kafka, results to ClickHouse and Kafka. */
  public static PipelineJob onKafka(PipelineConfig config) {
    // The live job reads as a consumer group of its own: each job commits the offsets it has read.
    PipelineConfig live =
        config.with(Map.of("kafka.group.id", config.get("kafka.group.id") + "-live"));
    return new PipelineJob(
        config,
        new KafkaEventSources(config),
        new KafkaEventSources(live),
        new ClickHouseSinks(config));
  }

  /**
   * Starts the jobs the {@code job} setting names on {@code env}: both, live or metrics. A bounded
   * run (a replay) runs the live job to its end first, since the metrics job reads its topics up to
   * the offsets they have when it starts; otherwise they run side by side. Returns their clients.
   */
  public List<JobClient> start(StreamExecutionEnvironment env) throws Exception {
    String which = config.get("job");
    if (!List.of("both", "live", "metrics").contains(which)) {
      throw new IllegalArgumentException("job must be both, live or metrics, not '" + which + "'");
    }
    List<JobClient> jobs = new ArrayList<>();
    if (!which.equals("metrics") && hasLiveOutput()) {
      buildLive(env);
      JobClient live = env.executeAsync(LIVE_JOB);
      if (config.getBoolean("kafka.bounded") && which.equals("both")) {
        live.getJobExecutionResult().get();
      }
      jobs.add(live);
    }
    if (!which.equals("live")) {
      buildMetrics(env);
      jobs.add(env.executeAsync(METRICS_JOB));
    }
    return jobs;
  }

  public static final String LIVE_JOB = "ccpulse-live";
  public static final String METRICS_JOB = "ccpulse-metrics";

  private boolean hasLiveOutput() {
    return !config.get("kafka.topic.queue-health").isEmpty()
        || !config.get("kafka.topic.queue-wait").isEmpty()
        || !config.get("kafka.topic.queue-alerts").isEmpty();
  }

  /**
   * Adds the live job to {@code env}: queue health and alerts from the events as they arrive, to
   * Kafka only. Live queue health reads the decoded events, not the assembled contacts: those wait
   * for the out-of-orderness bound, and an alert is worth most in its first seconds.
   */
  public void buildLive(StreamExecutionEnvironment env) {
    pipelineOptions(env);
    SingleOutputStreamOperator<QueueSnapshot> queueHealth =
        QueueHealthStage.build(
            accepted(liveSources.interactions(env), EventKind.INTERACTION),
            accepted(liveSources.agentStates(env), EventKind.AGENT_STATE),
            config);
    if (!config.get("kafka.topic.queue-health").isEmpty()) {
      queueHealth
          .sinkTo(sinks.queueHealthTopic())
          .uid("topic-queue-health")
          .name("queue health topic");
    }
    if (!config.get("kafka.topic.queue-wait").isEmpty()) {
      QueueHealthStage.waitChanges(queueHealth)
          .sinkTo(sinks.queueWaitTopic())
          .uid("topic-queue-wait")
          .name("queue wait topic");
    }
    if (!config.get("kafka.topic.queue-alerts").isEmpty()) {
      queueHealth
          .getSideOutput(QueueMonitor.ALERTS)
          .sinkTo(sinks.queueAlertTopic())
          .uid("topic-queue-alerts")
          .name("queue alert topic");
    }
  }

  /** Adds the metrics job to {@code env}: everything but live queue health, to ClickHouse. */
  public void buildMetrics(StreamExecutionEnvironment env) {
    pipelineOptions(env);
    SingleOutputStreamOperator<Inbound<InteractionEvent>> interactions =
        accepted(sources.interactions(env), EventKind.INTERACTION);
    SingleOutputStreamOperator<Inbound<AgentStateEvent>> agentStates =
        accepted(sources.agentStates(env), EventKind.AGENT_STATE);
    SingleOutputStreamOperator<Inbound<SurveyEvent>> surveys =
        accepted(sources.surveys(env), EventKind.SURVEY);

    Duration lateness = config.getDuration("metrics.allowed-lateness");
    SingleOutputStreamOperator<ContactFact> contactFacts =
        interactions
            .keyBy(ContactAssembler::key)
            .process(
                new ContactAssembler(
                    lateness,
                    config.getDuration("metrics.leg-timeout"),
                    config.getDuration("metrics.contact-retention"),
                    config.getInt("input.max-contact-events"),
                    config.getDuration("input.max-contact-span")))
            .uid("contact-assembler")
            .name("assemble contacts");
    SingleOutputStreamOperator<ContactFact> surveyFacts =
        surveys
            .keyBy(SurveyFacts::key)
            .process(new SurveyFacts(lateness, config.getDuration("metrics.dedup-ttl")))
            .uid("survey-facts")
            .name("survey facts");
    FactStreams facts = new FactStreams(contactFacts, surveyFacts);
    facts.eachInto(
        "facts-for-table",
        "counted facts",
        // a copy: the writer, chained here, keeps it until its batch goes
        s ->
            s.flatMap(
                    (ContactFact f, Collector<ContactFact> out) -> {
                      if (f.kind != FactKind.LEG_STARTED) {
                        out.collect(f.copy());
                      }
                    })
                .returns(ContactFact.class),
        () -> sinks.table(OutputTables.CONTACT_FACTS),
        "sink-contact-facts",
        "contact_facts");

    contactFacts
        .getSideOutput(ContactAssembler.RESOLVED)
        .sinkTo(sinks.table(OutputTables.CONTACT_RESOLUTIONS))
        .uid("sink-contact-resolutions")
        .name("contact_resolutions");

    List<Duration> sizes = intervalSizes("metrics.intervals");
    List<SingleOutputStreamOperator<IntervalRow>> intervals =
        IntervalMetrics.build(
            facts,
            sizes,
            intervalSizes("metrics.agent-intervals"),
            Thresholds.from(config),
            lateness);
    DataStream<RejectedEvent> tooLate = null;
    for (int i = 0; i < sizes.size(); i++) {
      // A writer per size, chained to its windows: a union in front of one would send every row
      // over the network first.
      intervals
          .get(i)
          .sinkTo(sinks.table(OutputTables.INTERVAL_METRICS))
          .uid("sink-interval-metrics-" + sizes.get(i).toSeconds() + "s")
          .name("interval_metrics");
      DataStream<RejectedEvent> late = tooLate(intervals.get(i), sizes.get(i));
      tooLate = tooLate == null ? late : tooLate.union(late);
    }

    SingleOutputStreamOperator<AgentTimeRow> agentTime =
        agentStates
            .map(AgentInput::of)
            .returns(AgentInput.class)
            .uid("agent-presence")
            .name("presence")
            .union(
                contactFacts
                    .flatMap(
                        (ContactFact f, Collector<AgentInput> out) -> {
                          AgentInput edge = AgentInput.of(f);
                          if (edge != null) {
                            out.collect(edge);
                          }
                        })
                    .returns(AgentInput.class)
                    .uid("agent-leg-edges")
                    .name("leg edges"))
            .keyBy(AgentInput::key)
            .process(
                new AgentTimeline(
                    intervalSizes("metrics.agent-time-intervals"),
                    lateness,
                    config.getDuration("metrics.dedup-ttl"),
                    config.getDuration("metrics.agent-max-silence")))
            .uid("agent-timeline")
            .name("agent time");
    agentTime
        .sinkTo(sinks.table(OutputTables.AGENT_TIME))
        .uid("sink-agent-time")
        .name("agent_time");

    // Burnout risk in this job, not a second one: it needs the legs the contact assembly makes
    // (with
    // their retractions) and the same event time; a second job would assemble contacts again.
    SingleOutputStreamOperator<BurnoutRow> burnout =
        BurnoutStage.build(
            agentStates,
            facts,
            BurnoutSettings.from(config),
            lateness,
            config.getDuration("metrics.dedup-ttl"),
            config.getBoolean("kafka.bounded"));
    burnout
        .sinkTo(sinks.table(OutputTables.BURNOUT_ASSESSMENTS))
        .uid("sink-burnout-assessments")
        .name("burnout_assessments");
    DataStream<LevelChange> levelChanges = burnout.getSideOutput(BurnoutAssessor.LEVEL_CHANGES);
    levelChanges
        .sinkTo(sinks.table(OutputTables.BURNOUT_LEVEL_CHANGES))
        .uid("sink-burnout-level-changes")
        .name("burnout_level_changes");
    if (!config.get("kafka.topic.burnout-level-changes").isEmpty()) { // empty: nobody listens
      levelChanges
          .sinkTo(sinks.burnoutLevelChangeTopic())
          .uid("topic-burnout-level-changes")
          .name("burnout level-change topic");
    }

    // The live job's output, copied to ClickHouse for analysts (at least once: the tables are
    // keyed).
    if (!config.get("kafka.topic.queue-health").isEmpty()) {
      sources
          .queueHealth(env)
          .sinkTo(sinks.table(OutputTables.QUEUE_HEALTH))
          .uid("sink-queue-health")
          .name("queue_health");
    }
    if (!config.get("kafka.topic.queue-alerts").isEmpty()) {
      sources
          .queueAlerts(env)
          .sinkTo(sinks.table(OutputTables.QUEUE_ALERTS))
          .uid("sink-queue-alerts")
          .name("queue_alerts");
    }

    Duration ingestInterval = config.getDuration("ingest.interval");
    DataStream<IngestCount> ingest =
        IngestMonitor.count(interactions, EventKind.INTERACTION, ingestInterval, lateness)
            .union(
                IngestMonitor.count(agentStates, EventKind.AGENT_STATE, ingestInterval, lateness),
                IngestMonitor.count(surveys, EventKind.SURVEY, ingestInterval, lateness));
    ingest
        .sinkTo(sinks.table(OutputTables.INGEST_COUNTS))
        .uid("sink-ingest-counts")
        .name("ingest_counts");

    DataStream<RejectedEvent> rejected =
        interactions
            .getSideOutput(SplitRejected.REJECTED)
            .union(
                agentStates.getSideOutput(SplitRejected.REJECTED),
                surveys.getSideOutput(SplitRejected.REJECTED),
                contactFacts.getSideOutput(ContactAssembler.REJECTED),
                surveyFacts.getSideOutput(SurveyFacts.REJECTED),
                agentTime.getSideOutput(AgentTimeline.REJECTED),
                tooLate);
    rejected
        .map(new CountRejected())
        .uid("count-rejected")
        .name("count rejected")
        .sinkTo(sinks.table(OutputTables.REJECTED_EVENTS))
        .uid("sink-rejected-events")
        .name("rejected_events");
  }

  private static void pipelineOptions(StreamExecutionEnvironment env) {
    Configuration pipeline = new Configuration();
    pipeline.set(
        PipelineOptions.GENERIC_TYPES, false); // every record has a real serializer, no Kryo
    // Chained operators hand each other the record itself, not a copy made through its serializer
    // (a deep copy of every Avro event at each of the sources' steps). Safe here: no operator
    // changes a record after passing it on, and the ClickHouse writers, which hold rows until a
    // batch is sent, are fed rows made for them (README, "Developing").
    pipeline.set(PipelineOptions.OBJECT_REUSE, true);
    env.configure(pipeline);
  }

  private static DataStream<RejectedEvent> tooLate(
      SingleOutputStreamOperator<IntervalRow> intervals, Duration size) {
    return intervals
        .getSideOutput(IntervalMetrics.TOO_LATE)
        .map(IntervalMetrics::rejection)
        .uid("interval-too-late-" + size.toSeconds() + "s")
        .name("too late for its interval");
  }

  private List<Duration> intervalSizes(String key) {
    return config.getDurations(key);
  }

  private static <T extends SpecificRecord> SingleOutputStreamOperator<Inbound<T>> accepted(
      DataStream<Inbound<T>> inbound, EventKind<T> kind) {
    // Same parallelism as the source, so it chains: a rebalance here would let one path's watermark
    // run ahead of another's, and lateness would depend on timing.
    return inbound
        .process(new SplitRejected<>())
        .returns(kind.inboundType())
        .setParallelism(inbound.getParallelism())
        .uid("split-rejected-" + kind.recordName())
        .name("split rejected " + kind.recordName());
  }
}
