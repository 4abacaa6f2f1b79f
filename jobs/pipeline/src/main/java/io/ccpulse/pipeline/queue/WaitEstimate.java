package io.ccpulse.pipeline.queue;

/**
 * The estimated wait of a contact that joins the queue now (docs/queue-health.md, "Estimated wait
 * and the staffing gap"): Erlang-A's expected wait at its position, from the agents on queue and
 * the live handle time and patience. With a free agent slot for it, the wait is the usual delay of
 * a contact that found an agent free (routing and alerting); otherwise it must wait for as many
 * slots to free as there are contacts ahead of it, plus one, while those ahead may abandon: the
 * expected time is Σ 1/(nμ + iθ), i = 0..ahead ({@link ErlangA#expectedWait}), with n the on-queue
 * agents' slots (capacity), μ one over the handle time and θ the abandons per time waited.
 */
public final class WaitEstimate {
  private WaitEstimate() {}

  /**
   * Milliseconds; -1 when there is no telling: nobody on queue, or no handle time seen yet and no
   * free slot.
   */
  public static long estimateMs(AgentStatus[] agents, int waiting, QueueRates.Measured m) {
    int slots = 0;
    int free = 0;
    for (AgentStatus a : agents) {
      if (a.onQueue) {
        slots += a.capacity;
        free += Math.max(0, a.capacity - a.openContacts);
      }
    }
    int ahead = waiting - free; // the waiting take the free slots first
    if (ahead < 0) {
      return Math.round(m.quickWaitMs);
    }
    if (slots == 0 || m.handleMs <= 0) {
      return -1;
    }
    double wait = ErlangA.expectedWait(slots, 1.0 / m.handleMs, m.abandonsPerMsWaited, ahead);
    return Math.round(m.quickWaitMs + wait);
  }
}
