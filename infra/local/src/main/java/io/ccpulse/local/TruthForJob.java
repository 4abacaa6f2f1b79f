package io.ccpulse.local;

import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.TruthSettings;
import java.time.Duration;

/**
 * A scenario whose ground truth is computed with the job's own settings: its interval sizes (of the
 * interval figures, the agents' among them, and of agent time), its service-level and short-abandon
 * thresholds, and its allowed lateness (which decides what the simulator may delay and what it must
 * deliver too late). Without this a run with {@code --metrics.intervals 5min} would be compared
 * with 1- and 15-minute truth, and differ falsely.
 */
public final class TruthForJob {
  private TruthForJob() {}

  public static Scenario scenario(Scenario scenario, PipelineConfig job) {
    return scenario.toBuilder().truth(truth(job)).faults(faults(scenario.faults(), job)).build();
  }

  static TruthSettings truth(PipelineConfig job) {
    return new TruthSettings(
        job.getDurations("metrics.intervals"),
        job.getDuration("metrics.service-level-threshold"),
        job.getDuration("metrics.short-abandon-threshold"),
        job.getDurations("metrics.agent-time-intervals"),
        job.getDurations("metrics.agent-intervals"));
  }

  /**
   * The faults at the job's lateness. Delays within the lateness stay within it (capped there if
   * the job allows less), so the truth may count them; too-late contacts go past it.
   */
  static FaultSettings faults(FaultSettings faults, PipelineConfig job) {
    Duration lateness = job.getDuration("metrics.allowed-lateness");
    Duration maxDelay = faults.maxDelay().compareTo(lateness) > 0 ? lateness : faults.maxDelay();
    return faults
        .withOutOfOrder(faults.outOfOrderRate(), maxDelay)
        .withTooLate(faults.tooLateRate(), lateness, faults.tooLateDelay());
  }
}
