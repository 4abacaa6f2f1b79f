package io.ccpulse.simulator;

import io.ccpulse.simulator.engine.EngineStats;
import io.ccpulse.simulator.faults.FaultSummary;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.RecordSink;
import io.ccpulse.simulator.truth.ContactFactTruth;
import io.ccpulse.simulator.truth.ContactResolutionTruth;
import io.ccpulse.simulator.truth.TruthRow;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run kept in memory: the delivered records in delivery order, plus truth (with contact facts)
 * and faults.
 */
public final class Simulation extends SimulationResult {
  private final List<DeliveredRecord> records;
  private final List<ContactFactTruth> contactFacts;
  private final List<ContactResolutionTruth> contactResolutions;

  Simulation(
      List<DeliveredRecord> records,
      List<TruthRow> truth,
      List<ContactFactTruth> contactFacts,
      List<ContactResolutionTruth> contactResolutions,
      FaultSummary faults,
      EngineStats stats) {
    super(truth, faults, stats);
    this.records = List.copyOf(records);
    this.contactFacts = contactFacts;
    this.contactResolutions = contactResolutions;
  }

  /** Every conversation of every on-time contact with a completed leg (docs/metrics.md §11). */
  public List<ContactResolutionTruth> contactResolutions() {
    return contactResolutions;
  }

  /**
   * Every fact of every on-time contact as the truth knows it (too-late contacts are not in it).
   */
  public List<ContactFactTruth> contactFacts() {
    return contactFacts;
  }

  /** Every record of every stream, in delivery order. */
  public List<DeliveredRecord> records() {
    return records;
  }

  public Stream<DeliveredRecord> stream() {
    return records.stream();
  }

  /** One stream's records, in delivery order. */
  public List<DeliveredRecord> records(EventStream stream) {
    return records.stream().filter(r -> r.stream() == stream).toList();
  }

  /**
   * Sends every record to a sink (e.g. {@link io.ccpulse.simulator.output.KafkaOutput}), then
   * flushes it.
   */
  public void publish(RecordSink sink) {
    records.forEach(sink::accept);
    sink.flush();
  }
}
