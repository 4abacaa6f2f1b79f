package io.ccpulse.pipeline.alert;

import io.ccpulse.pipeline.queue.QueueSnapshot;

/**
 * The rules a queue is watched by: what each measures, and when that is a breach (past the
 * threshold) or a recovery (back past the clear level). Between the two levels nothing changes:
 * that gap, and the time a recovery must last, are the hysteresis.
 */
public enum AlertRule {
  /** The longest-waiting contact has waited more than the threshold (seconds). */
  OLDEST_WAIT("oldest-wait", "s") {
    @Override
    double value(QueueSnapshot s) {
      return s.oldestWaitMs() / 1000.0;
    }

    @Override
    boolean breached(QueueSnapshot s, RuleSettings r) {
      return s.waiting > 0 && value(s) > r.threshold;
    }

    @Override
    boolean recovered(QueueSnapshot s, RuleSettings r) {
      return s.waiting == 0 || value(s) < r.clear;
    }

    @Override
    long breachedSince(QueueSnapshot s, RuleSettings r, long fallback) {
      return s.oldestWaitSince
          + (long) Math.floor(r.threshold * 1000)
          + 1; // the instant the limit was passed
    }
  },
  /**
   * Contacts are waiting (at least the threshold) and no agent serving the queue is on queue: all
   * on break, not ready or logged out. An agent on queue but busy is not a breach: with contacts
   * waiting, every on-queue agent is busy in any loaded queue; nobody on queue means nobody will
   * answer.
   */
  NO_AGENT_AVAILABLE("no-agent-available", "contacts") {
    @Override
    double value(QueueSnapshot s) {
      return s.waiting;
    }

    @Override
    boolean breached(QueueSnapshot s, RuleSettings r) {
      return s.agentsOnQueue == 0 && s.waiting >= r.threshold;
    }

    @Override
    boolean recovered(QueueSnapshot s, RuleSettings r) {
      return s.agentsOnQueue > 0 || s.waiting < r.clear;
    }
  },
  /** Abandon rate of the rolling window above the threshold (a ratio), judged from min-offered. */
  ABANDON_RATE("abandon-rate", "ratio") {
    @Override
    double value(QueueSnapshot s) {
      return s.abandonRate();
    }

    @Override
    boolean breached(QueueSnapshot s, RuleSettings r) {
      return s.rateBase() >= r.minOffered && value(s) > r.threshold;
    }

    @Override
    boolean recovered(QueueSnapshot s, RuleSettings r) {
      return s.rateBase() < r.minOffered || value(s) < r.clear;
    }
  },
  /** Service level of the rolling window below the threshold (a ratio), judged from min-offered. */
  SERVICE_LEVEL("service-level", "ratio") {
    @Override
    double value(QueueSnapshot s) {
      return s.serviceLevel();
    }

    @Override
    boolean breached(QueueSnapshot s, RuleSettings r) {
      return s.rateBase() >= r.minOffered && value(s) < r.threshold;
    }

    @Override
    boolean recovered(QueueSnapshot s, RuleSettings r) {
      return s.rateBase() < r.minOffered || value(s) >= r.clear;
    }
  },
  /**
   * The queue is short of at least the threshold agents: those Erlang-A needs for the service-level
   * target at the live arrival rate, handle time and patience (agents_required), minus the agents
   * on queue. Judged from min-offered waits ended in the window (the rates behind it need data).
   */
  UNDERSTAFFED("understaffed", "agents") {
    @Override
    double value(QueueSnapshot s) {
      return s.staffingGap();
    }

    @Override
    boolean breached(QueueSnapshot s, RuleSettings r) {
      return s.rateBase() >= r.minOffered && value(s) >= r.threshold;
    }

    @Override
    boolean recovered(QueueSnapshot s, RuleSettings r) {
      return s.rateBase() < r.minOffered || !(value(s) >= r.clear);
    }
  };

  private final String key;
  private final String unit;

  AlertRule(String key, String unit) {
    this.key = key;
    this.unit = unit;
  }

  /** The name in configuration keys ({@code alerts.<key>.threshold}). */
  public String key() {
    return key;
  }

  /** What the value and threshold are in: seconds, contacts or a ratio. */
  public String unit() {
    return unit;
  }

  public static AlertRule ofKey(String key) {
    for (AlertRule r : values()) {
      if (r.key.equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown alert rule '" + key + "'");
  }

  abstract double value(QueueSnapshot s);

  abstract boolean breached(QueueSnapshot s, RuleSettings r);

  abstract boolean recovered(QueueSnapshot s, RuleSettings r);

  /** When the breach began, where the rule can tell exactly; otherwise {@code fallback}. */
  long breachedSince(QueueSnapshot s, RuleSettings r, long fallback) {
    return fallback;
  }
}
