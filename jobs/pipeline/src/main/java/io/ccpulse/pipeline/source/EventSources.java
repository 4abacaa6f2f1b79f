package io.ccpulse.pipeline.source;

import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the jobs' inputs come from: Kafka in production, anything with timestamps in tests. */
public interface EventSources extends Serializable {
  DataStream<Inbound<InteractionEvent>> interactions(StreamExecutionEnvironment env);

  DataStream<Inbound<AgentStateEvent>> agentStates(StreamExecutionEnvironment env);

  DataStream<Inbound<SurveyEvent>> surveys(StreamExecutionEnvironment env);

  /** The live job's queue-health snapshots, as the metrics job reads them back. */
  DataStream<QueueSnapshot> queueHealth(StreamExecutionEnvironment env);

  /** The live job's alerts, as the metrics job reads them back. */
  DataStream<QueueAlert> queueAlerts(StreamExecutionEnvironment env);
}
