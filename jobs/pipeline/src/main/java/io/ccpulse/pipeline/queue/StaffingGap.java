package io.ccpulse.pipeline.queue;

import io.ccpulse.pipeline.interval.Thresholds;
import java.util.Arrays;

/**
 * The agents a queue needs now to meet its service-level target (docs/queue-health.md): Erlang-A
 * ({@link ErlangA#requiredServers}) at the live arrival rate, handle time and patience, in agent
 * slots, then in agents of the queue's mean capacity (a chat agent takes several at once).
 */
public final class StaffingGap {
  private StaffingGap() {}

  /**
   * Agents needed; -1 with no target or no handle time seen yet. The servers are computed when
   * {@code step} is true (a cadence step: the snapshots published) and otherwise the last step's
   * are used (the alerts judged at an input's moment between two steps), with the agents' capacity
   * as it is now: a busy queue has many such moments a step, and the computation is the costliest
   * thing the live job does. A step whose (rounded) inputs are those of the last computation takes
   * its answer; otherwise the search starts from it.
   */
  public static int requiredAgents(
      QueueRates rates,
      QueueRates.Measured m,
      AgentStatus[] agents,
      double target,
      Thresholds thresholds,
      boolean step) {
    if (Double.isNaN(target) || m.handleMs <= 0) {
      return -1;
    }
    if (m.arrivalsPerMs <= 0) {
      return 0;
    }
    if (step || rates.staffInputs == null) {
      servers(rates, m, target, thresholds);
    }
    int capacity = 0;
    for (AgentStatus a : agents) {
      capacity += a.capacity;
    }
    double meanCapacity = agents.length == 0 ? 1 : (double) capacity / agents.length;
    return (int) Math.ceil(rates.staffServers / meanCapacity - 1e-9);
  }

  private static void servers(
      QueueRates rates, QueueRates.Measured m, double target, Thresholds thresholds) {
    // Rounded to 0.5 % (logarithmic steps): a change below that does not move the answer.
    long[] inputs = {
      Math.round(Math.log(m.arrivalsPerMs) * 200),
      Math.round(Math.log(m.handleMs) * 200),
      m.abandonsPerMsWaited > 0
          ? Math.round(Math.log(m.abandonsPerMsWaited) * 200)
          : Long.MIN_VALUE,
      Math.round(target * 10_000),
      thresholds.serviceLevelMs(),
      thresholds.shortAbandonMs()
    };
    if (!Arrays.equals(inputs, rates.staffInputs)) {
      rates.staffServers =
          ErlangA.requiredServers(
              m.arrivalsPerMs * 1000,
              1000.0 / m.handleMs,
              m.abandonsPerMsWaited * 1000,
              thresholds.serviceLevelMs() / 1000.0,
              thresholds.shortAbandonMs() / 1000.0,
              target,
              rates.staffServers);
      rates.staffInputs = inputs;
    }
  }
}
