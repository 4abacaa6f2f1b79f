package io.ccpulse.simulator.truth;

import io.ccpulse.events.Channel;

/**
 * One fact of one contact as the truth knows it: an arrival, the end of a queue wait, a completed
 * leg or a survey response, with the figures docs/metrics.md gives it. The pipeline's contact_facts
 * table holds one row per such fact.
 *
 * @param kind ARRIVED, TRANSFERRED_IN, ANSWERED, ABANDONED, MOVED_UNANSWERED, CALLBACK_REQUESTED,
 *     CALLBACK_DIALED, LEG or SURVEY
 * @param at the event time that places the fact in an interval
 * @param agentId the leg's, answering or surveyed agent; null for the other queue facts
 * @param customerId the contact's customer; null for a survey (its event names none)
 * @param answeredAt for a leg, when it was answered; else 0
 * @param waitMs for ANSWERED, ABANDONED, MOVED_UNANSWERED and CALLBACK_REQUESTED, the wait that
 *     ended; for CALLBACK_DIALED, the callback's wait (request to dial); else 0
 * @param callback a callback leg
 */
public record ContactFactTruth(
    String kind,
    String tenantId,
    String interactionId,
    long at,
    Channel channel,
    String queueId,
    String agentId,
    String customerId,
    long answeredAt,
    long waitMs,
    long talkMs,
    long holdMs,
    int holdCount,
    long acwMs,
    boolean transferred,
    boolean callback,
    int csat) {

  static ContactFactTruth queueFact(
      String kind,
      ContactState c,
      String interactionId,
      long at,
      String queueId,
      String agentId,
      long waitMs) {
    return new ContactFactTruth(
        kind,
        c.tenantId,
        interactionId,
        at,
        c.channel,
        queueId,
        agentId,
        c.customerId,
        0,
        waitMs,
        0,
        0,
        0,
        0,
        false,
        false,
        0);
  }
}
