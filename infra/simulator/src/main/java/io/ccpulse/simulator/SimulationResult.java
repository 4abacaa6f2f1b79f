package io.ccpulse.simulator;

import io.ccpulse.simulator.engine.EngineStats;
import io.ccpulse.simulator.engine.UnderstaffingReport;
import io.ccpulse.simulator.faults.FaultSummary;
import io.ccpulse.simulator.truth.TruthRow;
import java.util.List;
import java.util.Optional;

/**
 * What a run produced besides the records: the ground truth (empty if not computed), the faults
 * injected, the engine's counts and what an understaffing stretch did.
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

  /**
   * The understaffing stretch as it happened (queue, start and end, agents held, when the queue was
   * left with no agent AVAILABLE and when one came back); empty if the scenario had none.
   */
  public Optional<UnderstaffingReport> understaffing() {
    return stats.understaffing();
  }
}
