package io.ccpulse.simulator.model;

import io.ccpulse.events.Channel;

/**
 * A queue of one tenant on one channel.
 *
 * @param weight this queue's share of its channel group's traffic (relative to its siblings)
 * @param durationFactor multiplies talk times, so queues of a channel differ (sales vs. technical)
 */
public record ContactQueue(
    String id, String tenantId, Channel channel, double weight, double durationFactor) {}
