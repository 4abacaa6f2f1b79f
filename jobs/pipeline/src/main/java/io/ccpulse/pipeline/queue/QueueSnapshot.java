package io.ccpulse.pipeline.queue;

import io.ccpulse.events.Channel;

/**
 * A queue's live health at one moment (event time): what is waiting, who can take it, and the
 * outcomes of the rolling window. The row of queue_health and what the alert rules judge.
 */
public class QueueSnapshot {
  public String tenantId;
  public String queueId;

  /** The queue's channel, from its contacts; null before the first. */
  public Channel channel;

  public long at;
  public int waiting;

  /** When the longest-waiting contact queued; meaningless with nothing waiting. */
  public long oldestWaitSince;

  /** Callbacks requested and not dialed yet; when the oldest of them was requested. */
  public int callbacksPending;

  public long oldestCallbackSince;

  public int agentsLoggedIn;
  public int agentsOnQueue;
  public int agentsAvailable;
  public int agentsOnContact;
  public int agentsOnBreak;

  /**
   * The rolling window's waits ended, answered, answered within the threshold, abandoned, short
   * abandons.
   */
  public int offered;

  public int answered;
  public int answeredInSl;
  public int abandoned;
  public int shortAbandoned;
  public int openAlerts;

  /** Waits started in the rolling window. */
  public int arrived;

  /** Mean handle time of the queue's legs (the latest window with one); -1: none seen yet. */
  public long handleTimeMs = -1;

  /** The estimated wait of a contact joining now ({@link WaitEstimate}); -1: no telling. */
  public long estimatedWaitMs = -1;

  /** Agents needed now for the service-level target ({@link StaffingGap}); -1: no telling. */
  public int agentsRequired = -1;

  public QueueSnapshot() {}

  public double handleTimeSeconds() {
    return handleTimeMs < 0 ? Double.NaN : handleTimeMs / 1000.0;
  }

  public double estimatedWaitSeconds() {
    return estimatedWaitMs < 0 ? Double.NaN : estimatedWaitMs / 1000.0;
  }

  public double agentsRequiredOrNaN() {
    return agentsRequired < 0 ? Double.NaN : agentsRequired;
  }

  /** Agents short of what the target needs (negative: to spare); NaN with no telling. */
  public double staffingGap() {
    return agentsRequired < 0 ? Double.NaN : agentsRequired - agentsOnQueue;
  }

  public long oldestWaitMs() {
    return waiting == 0 ? 0 : Math.max(0, at - oldestWaitSince);
  }

  /** Age of the oldest pending callback (request to now); 0 with none pending. */
  public long oldestCallbackMs() {
    return callbacksPending == 0 ? 0 : Math.max(0, at - oldestCallbackSince);
  }

  /** The base of both rates: waits ended minus short abandons. */
  public int rateBase() {
    return offered - shortAbandoned;
  }

  /** Answered within the threshold over the base; NaN with no base. */
  public double serviceLevel() {
    return rateBase() <= 0 ? Double.NaN : (double) answeredInSl / rateBase();
  }

  /** Abandoned (short ones apart) over the base; NaN with no base. */
  public double abandonRate() {
    return rateBase() <= 0 ? Double.NaN : (double) (abandoned - shortAbandoned) / rateBase();
  }

  @Override
  public String toString() {
    return queueId
        + "@"
        + at
        + " waiting="
        + waiting
        + " oldest="
        + oldestWaitMs()
        + "ms callbacks="
        + callbacksPending
        + "/oldest="
        + oldestCallbackMs()
        + "ms agents="
        + agentsLoggedIn
        + "/onQueue="
        + agentsOnQueue
        + "/avail="
        + agentsAvailable
        + "/onContact="
        + agentsOnContact
        + "/break="
        + agentsOnBreak
        + " offered="
        + offered
        + " sl="
        + serviceLevel()
        + " abandon="
        + abandonRate()
        + " ewt="
        + estimatedWaitMs
        + "ms required="
        + agentsRequired;
  }
}
