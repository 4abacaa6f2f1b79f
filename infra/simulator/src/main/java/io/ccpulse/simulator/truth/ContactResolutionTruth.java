package io.ccpulse.simulator.truth;

import io.ccpulse.events.Channel;

/**
 * One conversation as the truth knows it (docs/metrics.md §11): a contact with at least one
 * completed leg, from its first QUEUED (or first ANSWERED, if never queued) to its last wrap-up.
 * The pipeline's contact_resolutions table holds one row per such contact.
 *
 * @param queueId the queue its first leg was answered from
 * @param transfers legs ended by TRANSFERRED
 * @param holds hold segments over every leg
 * @param handleMs Σ talk + hold + acw of its legs
 * @param abandoned its last wait (after a transfer) ended abandoned
 */
public record ContactResolutionTruth(
    String tenantId,
    String interactionId,
    Channel channel,
    String queueId,
    String customerId,
    long startedAt,
    long resolvedAt,
    int legs,
    int transfers,
    int holds,
    long holdMs,
    long handleMs,
    boolean abandoned) {

  public long resolutionMs() {
    return resolvedAt - startedAt;
  }
}
