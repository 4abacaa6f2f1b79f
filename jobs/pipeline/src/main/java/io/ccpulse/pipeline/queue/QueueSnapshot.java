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

  public QueueSnapshot() {}

  public long oldestWaitMs() {
    return waiting == 0 ? 0 : Math.max(0, at - oldestWaitSince);
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
        + abandonRate();
  }
}
