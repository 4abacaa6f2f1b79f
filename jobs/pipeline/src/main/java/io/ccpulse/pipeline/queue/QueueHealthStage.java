package io.ccpulse.pipeline.queue;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.alert.AlertRules;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.interval.Thresholds;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The live queue-health part of the graph (docs/queue-health.md):
 *
 * <pre>
 * interactions ─ by contact: waits, agents' contacts (as they arrive) ─┬──────────────── waits ─┐
 * agent states ─────────────────────────── presence ─ by agent: status per queue served ───────┴─ by queue: live view,
 *                                                                    snapshots every cadence step, alerts (side output)
 * </pre>
 *
 * It reads the decoded events, not the assembled contacts: those wait for the out-of-orderness
 * bound, and alerts are worth most in the first seconds.
 */
public final class QueueHealthStage {
  private QueueHealthStage() {}

  /** {@code queue-health.snapshots}: every-step, or on-change (the default). */
  static boolean everyStep(PipelineConfig config) {
    String mode = config.get("queue-health.snapshots");
    if (!mode.equals("on-change") && !mode.equals("every-step")) {
      throw new IllegalArgumentException(
          "queue-health.snapshots must be on-change or every-step, not '" + mode + "'");
    }
    return mode.equals("every-step");
  }

  /** The snapshots where the estimated wait (in whole seconds) changed, per queue. */
  public static SingleOutputStreamOperator<QueueSnapshot> waitChanges(
      DataStream<QueueSnapshot> snapshots) {
    return snapshots
        .keyBy(s -> TenantKey.of(s.tenantId, s.queueId))
        .process(new WaitChanges())
        .uid("queue-wait-changes")
        .name("queue wait changes");
  }

  public static SingleOutputStreamOperator<QueueSnapshot> build(
      DataStream<Inbound<InteractionEvent>> interactions,
      DataStream<Inbound<AgentStateEvent>> agentStates,
      PipelineConfig config) {
    LiveTiming timing = LiveTiming.from(config);
    SingleOutputStreamOperator<QueueSignal> waits =
        interactions
            .keyBy(ContactWaits::key)
            .process(
                new ContactWaits(
                    timing.boundMs(),
                    config.getDuration("metrics.leg-timeout"),
                    config.getDuration("metrics.contact-retention"),
                    config.getInt("input.max-contact-events")))
            .uid("live-contact-waits")
            .name("live waits");
    DataStream<AgentSignal> presence =
        agentStates
            .map(in -> AgentSignal.presence(in, timing.boundMs()))
            .returns(AgentSignal.class)
            .uid("live-agent-presence")
            .name("live presence");
    DataStream<QueueSignal> agents =
        presence
            .union(waits.getSideOutput(ContactWaits.AGENT_EDGES))
            .keyBy(AgentSignal::key)
            .process(
                new AgentAvailability(timing, config.getDuration("queue-health.agent-silence")))
            .uid("live-agent-availability")
            .name("agent availability");
    return waits
        .union(agents)
        .keyBy(QueueSignal::key)
        .process(
            new QueueMonitor(
                timing,
                config.getDuration("queue-health.cadence"),
                config.getDuration("queue-health.window"),
                Thresholds.from(config),
                AlertRules.from(config),
                everyStep(config),
                config.getBoolean("kafka.bounded")))
        .uid("queue-monitor")
        .name("queue health");
  }
}
