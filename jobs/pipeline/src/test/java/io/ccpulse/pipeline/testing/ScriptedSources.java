package io.ccpulse.pipeline.testing;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.EventSources;
import io.ccpulse.pipeline.source.Inbound;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Finite sources whose watermarks the test places by hand, between events: the job sees exactly the
 * interleaving of events and event-time progress that the test describes. Run at parallelism 1.
 */
public final class ScriptedSources implements EventSources {
  private static final long serialVersionUID = 1L;
  private static final String WATERMARK = "__watermark__";

  private final List<Inbound<InteractionEvent>> interactions = new ArrayList<>();
  private final List<Inbound<AgentStateEvent>> agentStates = new ArrayList<>();
  private final List<Inbound<SurveyEvent>> surveys = new ArrayList<>();

  public ScriptedSources interactions(InteractionEvent... events) {
    for (InteractionEvent e : events) {
      interactions.add(Inbound.of(e, "interactions", 0, interactions.size()));
    }
    return this;
  }

  public ScriptedSources surveys(SurveyEvent... events) {
    for (SurveyEvent e : events) {
      surveys.add(Inbound.of(e, "surveys", 0, surveys.size()));
    }
    return this;
  }

  /**
   * The interactions' and the surveys' watermarks move to this time here. Both: a source without
   * markers holds the facts' watermark back until it finishes, and when it finishes would race with
   * the interactions.
   */
  public ScriptedSources watermark(long epochMillis) {
    interactions.add(marker(epochMillis));
    surveys.add(marker(epochMillis));
    return this;
  }

  private static <T> Inbound<T> marker(long epochMillis) {
    Inbound<T> marker = new Inbound<>();
    marker.topic = WATERMARK;
    marker.offset = epochMillis;
    return marker;
  }

  @Override
  public DataStream<Inbound<InteractionEvent>> interactions(StreamExecutionEnvironment env) {
    return stream(env, interactions, EventKind.INTERACTION);
  }

  @Override
  public DataStream<Inbound<AgentStateEvent>> agentStates(StreamExecutionEnvironment env) {
    return stream(env, agentStates, EventKind.AGENT_STATE);
  }

  @Override
  public DataStream<Inbound<SurveyEvent>> surveys(StreamExecutionEnvironment env) {
    return stream(env, surveys, EventKind.SURVEY);
  }

  /** Nothing from the live job: the scripted tests look at the metrics job's own results. */
  @Override
  public DataStream<QueueSnapshot> queueHealth(StreamExecutionEnvironment env) {
    return env.fromData(new QueueSnapshot()).filter(s -> false).setParallelism(1);
  }

  @Override
  public DataStream<QueueAlert> queueAlerts(StreamExecutionEnvironment env) {
    return env.fromData(new QueueAlert()).filter(a -> false).setParallelism(1);
  }

  private static <T extends SpecificRecord> DataStream<Inbound<T>> stream(
      StreamExecutionEnvironment env, List<Inbound<T>> items, EventKind<T> kind) {
    WatermarkStrategy<Inbound<T>> strategy =
        WatermarkStrategy.<Inbound<T>>forGenerator(ctx -> new Markers<>())
            .withTimestampAssigner(
                (in, ts) ->
                    in.event == null ? Long.MIN_VALUE : kind.occurredAt(in.event).toEpochMilli());
    if (items.isEmpty()) { // a collection source cannot be empty: one marker that moves nothing
      Inbound<T> nothing = new Inbound<>();
      nothing.topic = WATERMARK;
      nothing.offset = Long.MIN_VALUE;
      items = List.of(nothing);
    }
    return env.fromData(items, kind.inboundType())
        .setParallelism(1)
        .assignTimestampsAndWatermarks(strategy)
        .setParallelism(1)
        .filter(in -> !WATERMARK.equals(in.topic))
        .setParallelism(1);
  }

  /** Emits a watermark at each marker and nowhere else. */
  private static final class Markers<T> implements WatermarkGenerator<Inbound<T>> {
    @Override
    public void onEvent(Inbound<T> in, long timestamp, WatermarkOutput output) {
      if (WATERMARK.equals(in.topic)) {
        output.emitWatermark(new Watermark(in.offset));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }
}
