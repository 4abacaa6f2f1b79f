package io.ccpulse.pipeline.testing;

import io.ccpulse.pipeline.agent.AgentTimeRow;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.burnout.BurnoutRow;
import io.ccpulse.pipeline.burnout.LevelChange;
import io.ccpulse.pipeline.contact.ContactFact;
import io.ccpulse.pipeline.contact.ContactResolution;
import io.ccpulse.pipeline.interval.IntervalRow;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import io.ccpulse.pipeline.sink.OutputTable;
import io.ccpulse.pipeline.sink.OutputTables;
import io.ccpulse.pipeline.sink.PipelineSinks;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Sinks that keep what the job wrote, per test run, for assertions (a MiniCluster shares this JVM).
 */
public final class CollectingSinks implements PipelineSinks {
  private static final long serialVersionUID = 1L;
  private static final Map<String, ConcurrentLinkedQueue<Object>> WRITTEN =
      new ConcurrentHashMap<>();

  private final String run = UUID.randomUUID().toString();

  /** Every output table's rows, under the table's name. */
  @Override
  public <T> Sink<T> table(OutputTable<T> table) {
    return new Collect<>(run + "/" + table.name());
  }

  /** The rows the job wrote to {@code table}. */
  public <T> List<T> rows(OutputTable<T> table) {
    return written("/" + table.name());
  }

  public List<AgentTimeRow> agentTimes() {
    return rows(OutputTables.AGENT_TIME);
  }

  @Override
  public Sink<LevelChange> burnoutLevelChangeTopic() {
    return new Collect<>(run + "/level-change-topic");
  }

  @Override
  public Sink<QueueSnapshot> queueHealthTopic() {
    return new Collect<>(run + "/queue-health-topic");
  }

  @Override
  public Sink<QueueSnapshot> queueWaitTopic() {
    return new Collect<>(run + "/queue-wait-topic");
  }

  public List<QueueSnapshot> waitMessages() {
    return written("/queue-wait-topic");
  }

  @Override
  public Sink<QueueAlert> queueAlertTopic() {
    return new Collect<>(run + "/queue-alert-topic");
  }

  public List<QueueSnapshot> queueHealthRows() {
    return written("/queue-health-topic");
  }

  public List<QueueAlert> alertMessages() {
    return written("/queue-alert-topic");
  }

  public List<BurnoutRow> burnout() {
    return rows(OutputTables.BURNOUT_ASSESSMENTS);
  }

  public List<LevelChange> levelChanges() {
    return rows(OutputTables.BURNOUT_LEVEL_CHANGES);
  }

  public List<LevelChange> levelChangeMessages() {
    return written("/level-change-topic");
  }

  public List<IntervalRow> intervals() {
    return rows(OutputTables.INTERVAL_METRICS);
  }

  public List<ContactFact> facts() {
    return rows(OutputTables.CONTACT_FACTS);
  }

  public List<ContactResolution> resolutions() {
    return rows(OutputTables.CONTACT_RESOLUTIONS);
  }

  public List<RejectedEvent> rejected() {
    return rows(OutputTables.REJECTED_EVENTS);
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> written(String what) {
    return new ArrayList<>(
        (ConcurrentLinkedQueue<T>)
            (ConcurrentLinkedQueue<?>)
                WRITTEN.getOrDefault(run + what, new ConcurrentLinkedQueue<>()));
  }

  private static final class Collect<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String id;

    Collect(String id) {
      this.id = id;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      ConcurrentLinkedQueue<Object> into =
          WRITTEN.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>());
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context ctx) {
          into.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
