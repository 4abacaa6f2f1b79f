package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the job's results go: a sink per output table, and the Kafka topics for other systems. */
public interface PipelineSinks extends Serializable {
  /** The sink of one output table (one of {@link OutputTables}). */
  <T> Sink<T> table(OutputTable<T> table);

  /** The level changes for supervisor tools (Kafka in production). */
  Sink<LevelChange> burnoutLevelChangeTopic();

  /** The live job's snapshots, for wallboards and for the metrics job (Kafka in production). */
  Sink<QueueSnapshot> queueHealthTopic();

  /**
   * The estimated wait per queue, on change, for IVR and chat systems (a compacted Kafka topic in
   * production).
   */
  Sink<QueueSnapshot> queueWaitTopic();

  /** The alerts for alerting systems (Kafka in production). */
  Sink<QueueAlert> queueAlertTopic();
}
