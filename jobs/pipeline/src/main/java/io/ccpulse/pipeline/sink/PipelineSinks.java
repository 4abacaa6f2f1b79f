package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.agent.AgentTimeRow;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.BurnoutRow;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.ingest.IngestCount;
import io.ccpulse.pipeline.interval.IntervalRow;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the job's results go: a sink per output table, and the Kafka topics for other systems. */
public interface PipelineSinks extends Serializable {
  Sink<IntervalRow> intervalMetrics();

  Sink<AgentTimeRow> agentTime();

  Sink<ContactFact> contactFacts();

  Sink<RejectedEvent> rejectedEvents();

  Sink<IngestCount> ingestCounts();

  Sink<BurnoutRow> burnoutAssessments();

  Sink<LevelChange> burnoutLevelChanges();

  /** The level changes for supervisor tools (Kafka in production). */
  Sink<LevelChange> burnoutLevelChangeTopic();

  Sink<QueueSnapshot> queueHealth();

  /** The live job's snapshots, for wallboards and for the metrics job (Kafka in production). */
  Sink<QueueSnapshot> queueHealthTopic();

  Sink<QueueAlert> queueAlerts();

  /** The alerts for alerting systems (Kafka in production). */
  Sink<QueueAlert> queueAlertTopic();
}
