package io.ccpulse.pipeline.queue;

import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.interval.Thresholds;
import java.util.Arrays;

/**
 * One queue now: the contacts waiting in it, the agents serving it, the outcomes of the rolling
 * window. A Flink POJO (arrays, not collections) with its logic, tested without Flink.
 */
public class QueueLive {
  public String tenantId;
  public String queueId;
  public Channel channel;
  public String[] waitingIds = new String[0];
  public long[] waitingSince = new long[0];

  /** Callbacks requested and not dialed yet, and since when; null in older state. */
  public String[] callbackIds;

  public long[] callbackSince;
  public String[] agentIds = new String[0];
  public AgentStatus[] agents = new AgentStatus[0];
  public OutcomeWindow outcomes;

  /** What the wait estimate and the staffing gap are measured from; null in older state. */
  public QueueRates rates;

  /** The latest moment judged: a straggler is judged then, so judging time never runs backwards. */
  public long judgedAt = Long.MIN_VALUE;

  /** When the latest input applied became known ({@link QueueSignal#knownAt}). */
  public long lastInputAt = Long.MIN_VALUE;

  /**
   * The figures of the last snapshot published ({@link #figures}); null before the first. A
   * snapshot that would repeat them is not published: the series changes only when a figure does.
   */
  public long[] published;

  public QueueLive() {}

  public static QueueLive of(String tenantId, String queueId, long windowMs, long bucketMs) {
    QueueLive q = new QueueLive();
    q.tenantId = tenantId;
    q.queueId = queueId;
    q.outcomes = OutcomeWindow.of(windowMs, bucketMs);
    q.rates = QueueRates.of(windowMs, bucketMs);
    return q;
  }

  public void apply(QueueSignal s, Thresholds thresholds) {
    if (s.channel != null) {
      channel = s.channel;
    }
    switch (s.kind) {
      case WAIT_STARTED -> {
        if (Ids.indexOf(waitingIds, s.interactionId) < 0) {
          rates().started(s.interactionId, s.at, freeSlots() > waitingIds.length);
          waitingIds = Ids.plus(waitingIds, s.interactionId);
          waitingSince = Arrays.copyOf(waitingSince, waitingSince.length + 1);
          waitingSince[waitingSince.length - 1] = s.queuedAt;
        }
      }
      case WAIT_ENDED -> {
        int i = Ids.indexOf(waitingIds, s.interactionId);
        if (i >= 0) {
          waitingIds = Ids.without(waitingIds, i);
          waitingSince = Ids.without(waitingSince, i);
        }
        outcomes.add(
            s.at,
            s.outcome,
            s.at - s.queuedAt,
            thresholds.serviceLevelMs(),
            thresholds.shortAbandonMs());
        rates().ended(s.interactionId, s.at, s.outcome, s.at - s.queuedAt);
      }
      case HANDLED -> rates().handled(s.at, s.handleMs);
      case CALLBACK_PENDING -> {
        callbacksInStep();
        if (Ids.indexOf(callbackIds, s.interactionId) < 0) {
          callbackIds = Ids.plus(callbackIds, s.interactionId);
          callbackSince = Arrays.copyOf(callbackSince, callbackSince.length + 1);
          callbackSince[callbackSince.length - 1] = s.queuedAt;
        }
      }
      case CALLBACK_TAKEN -> {
        callbacksInStep();
        int i = Ids.indexOf(callbackIds, s.interactionId);
        if (i >= 0) {
          callbackIds = Ids.without(callbackIds, i);
          callbackSince = Ids.without(callbackSince, i);
        }
      }
      case AGENT -> {
        int i = Ids.indexOf(agentIds, s.agentId);
        if (s.status == null && i >= 0) {
          agentIds = Ids.without(agentIds, i);
          agents = Ids.without(agents, i);
        } else if (s.status != null && i >= 0) {
          agents[i] = s.status;
        } else if (s.status != null) {
          agentIds = Ids.plus(agentIds, s.agentId);
          agents = Ids.plus(agents, s.status);
        }
      }
      default -> throw new IllegalArgumentException("unknown signal " + s.kind);
    }
  }

  /**
   * The estimated wait and the agents needed, into a snapshot of this queue ({@code target}: the
   * service level to staff for, NaN for none; {@code step}: a cadence step, where the agents needed
   * are computed anew, see {@link StaffingGap#requiredAgents}).
   */
  public void estimate(QueueSnapshot s, double target, Thresholds thresholds, boolean step) {
    QueueRates.Measured m = rates().measure(s.at, waitingSince);
    s.arrived = m.arrived;
    s.handleTimeMs = m.handleMs;
    s.estimatedWaitMs = WaitEstimate.estimateMs(agents, waitingIds.length, m);
    s.agentsRequired = StaffingGap.requiredAgents(rates, m, agents, target, thresholds, step);
  }

  private QueueRates rates() {
    if (rates == null) {
      rates = QueueRates.of(outcomes.bucketMs * outcomes.bucketStart.length, outcomes.bucketMs);
    }
    return rates;
  }

  /** State from before callbacks were kept: none pending. */
  private void callbacksInStep() {
    if (callbackIds == null || callbackSince == null) {
      callbackIds = new String[0];
      callbackSince = new long[0];
    }
  }

  /** Contacts the on-queue agents could take now. */
  private int freeSlots() {
    int free = 0;
    for (AgentStatus a : agents) {
      free += a.onQueue ? Math.max(0, a.capacity - a.openContacts) : 0;
    }
    return free;
  }

  /** The queue's health at {@code now}. */
  public QueueSnapshot snapshot(long now) {
    QueueSnapshot s = new QueueSnapshot();
    s.tenantId = tenantId;
    s.queueId = queueId;
    s.channel = channel;
    s.at = now;
    s.waiting = waitingIds.length;
    s.oldestWaitSince = Long.MAX_VALUE;
    for (long since : waitingSince) {
      s.oldestWaitSince = Math.min(s.oldestWaitSince, since);
    }
    callbacksInStep();
    s.callbacksPending = callbackIds.length;
    s.oldestCallbackSince = callbackSince.length == 0 ? 0 : Long.MAX_VALUE;
    for (long since : callbackSince) {
      s.oldestCallbackSince = Math.min(s.oldestCallbackSince, since);
    }
    s.agentsLoggedIn = agents.length;
    for (AgentStatus a : agents) {
      s.agentsOnQueue += a.onQueue ? 1 : 0;
      s.agentsAvailable += a.available() ? 1 : 0;
      s.agentsOnContact += a.onContact() ? 1 : 0;
      s.agentsOnBreak += a.onBreak ? 1 : 0;
    }
    outcomes.sumInto(s, now);
    return s;
  }

  /**
   * True if {@code s} differs from the last snapshot published in any figure but its moment (and
   * the oldest wait, which grows with the moment alone: its start is compared instead); marks it
   * published if so.
   */
  public boolean publish(QueueSnapshot s) {
    long[] now = figures(s);
    if (Arrays.equals(now, published)) {
      return false;
    }
    published = now;
    return true;
  }

  /** What a snapshot says, but when: a reader carries each figure forward to the next change. */
  static long[] figures(QueueSnapshot s) {
    return new long[] {
      s.channel == null ? -1 : s.channel.ordinal(),
      s.waiting,
      s.waiting == 0 ? 0 : s.oldestWaitSince,
      s.agentsLoggedIn,
      s.agentsOnQueue,
      s.agentsAvailable,
      s.agentsOnContact,
      s.agentsOnBreak,
      s.offered,
      s.answered,
      s.answeredInSl,
      s.abandoned,
      s.shortAbandoned,
      s.openAlerts,
      s.arrived,
      s.handleTimeMs < 0 ? -1 : Math.round(s.handleTimeMs / 1000.0),
      s.estimatedWaitMs < 0 ? -1 : Math.round(s.estimatedWaitMs / 1000.0),
      s.agentsRequired,
      s.callbacksPending,
      s.callbacksPending == 0 ? 0 : s.oldestCallbackSince
    };
  }

  /** Nothing waiting, no callback owed, nobody serving, no outcome in the window. */
  public boolean quietAt(long now) {
    return waitingIds.length == 0
        && (callbackIds == null || callbackIds.length == 0)
        && agents.length == 0
        && outcomes.emptyAt(now);
  }
}
