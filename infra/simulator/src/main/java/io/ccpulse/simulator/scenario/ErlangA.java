package io.ccpulse.simulator.scenario;

/**
 * The M/M/n+M (Erlang-A) queue: one voice queue, {@code agents} agents, Poisson arrivals,
 * exponential service and exponential patience, and no holds, transfers, wrap-up, breaks or
 * surveys. Rates are per minute.
 */
public record ErlangA(
    double lambdaPerMinute, double muPerMinute, double thetaPerMinute, int agents) {
  public ErlangA {
    if (!(lambdaPerMinute > 0 && muPerMinute > 0 && thetaPerMinute > 0) || agents < 1) {
      throw new IllegalArgumentException("Erlang-A needs positive rates and at least one agent");
    }
  }

  /** 10 agents, 2.4 arrivals/min, 4 min mean service, 2 min mean patience. */
  public static ErlangA defaults() {
    return new ErlangA(2.4, 0.25, 0.5, 10);
  }
}
