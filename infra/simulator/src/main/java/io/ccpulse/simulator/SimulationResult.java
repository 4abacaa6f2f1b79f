package io.ccpulse.simulator;

import io.ccpulse.simulator.engine.EngineStats;
import io.ccpulse.simulator.faults.FaultSummary;
import io.ccpulse.simulator.truth.TruthRow;
import java.util.List;

/**
 * What a run produced besides the records: the ground truth (empty if not computed), the faults
 * injected and the engine's counts.
 */
public class SimulationResult {
  private final List<TruthRow> truth;
  private final FaultSummary faults;
  private final EngineStats stats;

  SimulationResult(List<TruthRow> truth, FaultSummary faults, EngineStats stats) {
    this.truth = List.copyOf(truth);
    this.faults = faults;
    this.stats = stats;
  }

  /** Every truth row, in file order (interval size, interval start, kind, keys). */
  public List<TruthRow> truth() {
    return truth;
  }

  public FaultSummary faults() {
    return faults;
  }

  public EngineStats stats() {
    return stats;
  }
}
