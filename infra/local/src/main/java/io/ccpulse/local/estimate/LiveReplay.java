package io.ccpulse.local.estimate;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.queue.QueueHealthStage;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.pipeline.source.EventKind;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * A simulated day through the live job's queue-health stage ({@link QueueHealthStage}, the same
 * operators as the live job) in a local Flink environment, without Kafka: the day's events in
 * event-time order from one source, so both inputs share its watermark (a sparse agent-state
 * partition would otherwise hold event time back until the end), snapshots at every cadence step.
 */
public final class LiveReplay {
  private LiveReplay() {}

  /** One event of either stream (a POJO: one of the two is set). */
  public static class Mixed {
    public Inbound<InteractionEvent> interaction;
    public Inbound<AgentStateEvent> agentState;
    public long at;

    public Mixed() {}
  }

  /** The live stage's snapshots of the day, every step. */
  public static List<QueueSnapshot> snapshots(Simulation sim, PipelineConfig base)
      throws Exception {
    PipelineConfig config = base.with(Map.of("queue-health.snapshots", "every-step"));
    long boundMs = config.getDuration("event-time.max-out-of-orderness").toMillis();
    List<Mixed> events = events(sim);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    DataStream<Mixed> all =
        env.fromData(events, TypeInformation.of(Mixed.class))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Mixed>forGenerator(ctx -> new Behind(boundMs))
                    .withTimestampAssigner((m, ts) -> m.at));
    DataStream<Inbound<InteractionEvent>> interactions =
        all.filter(m -> m.interaction != null)
            .map(m -> m.interaction)
            .returns(EventKind.INTERACTION.inboundType());
    DataStream<Inbound<AgentStateEvent>> agentStates =
        all.filter(m -> m.agentState != null)
            .map(m -> m.agentState)
            .returns(EventKind.AGENT_STATE.inboundType());
    List<QueueSnapshot> out = new ArrayList<>();
    try (CloseableIterator<QueueSnapshot> it =
        QueueHealthStage.build(interactions, agentStates, config)
            .executeAndCollect("live replay")) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /** The day's interaction and agent-state events, decoded, in event-time order. */
  public static List<Mixed> events(Simulation sim) {
    EventCodec<InteractionEvent> interactions = EventCodec.interactions();
    EventCodec<AgentStateEvent> agentStates = EventCodec.agentStates();
    List<Mixed> events = new ArrayList<>();
    long offset = 0;
    for (DeliveredRecord r : sim.records()) {
      Mixed m = new Mixed();
      m.at = r.occurredAtMillis();
      if (r.stream() == EventStream.INTERACTIONS) {
        m.interaction = Inbound.of(interactions.decode(r.value()).event(), "i", 0, offset++);
      } else if (r.stream() == EventStream.AGENT_STATES) {
        m.agentState = Inbound.of(agentStates.decode(r.value()).event(), "a", 0, offset++);
      } else {
        continue;
      }
      events.add(m);
    }
    events.sort(Comparator.comparingLong(m -> m.at)); // stable: ties keep delivery order
    return events;
  }

  /** The watermark a source with this bound would have: the latest event time minus the bound. */
  private static final class Behind implements WatermarkGenerator<Mixed> {
    private final long boundMs;

    Behind(long boundMs) {
      this.boundMs = boundMs;
    }

    @Override
    public void onEvent(Mixed m, long timestamp, WatermarkOutput output) {
      output.emitWatermark(new Watermark(timestamp - boundMs - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }
}
