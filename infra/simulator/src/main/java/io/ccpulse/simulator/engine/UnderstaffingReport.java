package io.ccpulse.simulator.engine;

import java.time.Instant;
import java.util.List;

/**
 * What an understaffing stretch did, as the engine ran it: ground truth for tests of queue-health
 * alerts. Agents busy when the stretch starts finish their contacts first and agents on a pause
 * finish it, so the queue is fully unstaffed a little after {@code start}; when the stretch ends,
 * agents come back unless a break is due or their shift is over.
 *
 * @param tenantId the tenant of the understaffed queue
 * @param queueId the understaffed queue, as in events
 * @param start when agents stopped taking its contacts (scenario start + offset)
 * @param end when they could take contacts again
 * @param agentIds agents who serve the queue and were logged in at some time in [start, end),
 *     sorted
 * @param allUnavailableAt when the last of them left AVAILABLE (NOT_READY, a break, or logged out),
 *     {@code start} if none was AVAILABLE then; {@code null} if one was still finishing a contact
 *     at {@code end}
 * @param firstBackAt the first instant at or after {@code end} at which one of them was AVAILABLE:
 *     {@code end} if one was (still or again) AVAILABLE then; {@code null} if none came back
 */
public record UnderstaffingReport(
    String tenantId,
    String queueId,
    Instant start,
    Instant end,
    List<String> agentIds,
    Instant allUnavailableAt,
    Instant firstBackAt) {
  public UnderstaffingReport {
    agentIds = List.copyOf(agentIds);
  }

  /** One line for logs and the command line's summary. */
  public String summary() {
    return "Understaffed "
        + queueId
        + " ("
        + tenantId
        + ") from "
        + start
        + " to "
        + end
        + ": "
        + agentIds.size()
        + " agents held unavailable; none AVAILABLE from "
        + (allUnavailableAt == null ? "-" : allUnavailableAt)
        + ", first back "
        + (firstBackAt == null ? "-" : firstBackAt);
  }
}
