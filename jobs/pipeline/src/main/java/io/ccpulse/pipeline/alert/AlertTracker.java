package io.ccpulse.pipeline.alert;

import io.ccpulse.pipeline.queue.QueueSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Raises an alert once when its rule has breached for {@code raise-after}, and clears it once when
 * the value has stayed back past the clear level for {@code clear-after}. A value hovering at the
 * threshold neither clears nor raises again. Plain logic, tested without Flink.
 */
public final class AlertTracker {
  private AlertTracker() {}

  /** Judges one rule on a queue's health at {@code s.at}; the raise or clear it causes, or null. */
  public static QueueAlert judge(AlertRule rule, RuleSettings r, AlertState st, QueueSnapshot s) {
    long now = s.at;
    if (!st.open()) {
      if (!r.enabled || !rule.breached(s, r)) {
        st.breachSince = Long.MIN_VALUE;
        return null;
      }
      if (st.breachSince == Long.MIN_VALUE) {
        st.breachSince = Math.min(now, rule.breachedSince(s, r, now));
      }
      if (now - st.breachSince < r.raiseAfterMs) {
        return null;
      }
      st.raisedAt = st.breachSince + r.raiseAfterMs;
      st.raises++;
      st.alertId = alertId(s, rule, st.raises);
      st.threshold = r.threshold;
      st.severity = r.severity;
      st.breachSince = Long.MIN_VALUE;
      st.recoveredSince = Long.MIN_VALUE;
      return message(QueueAlert.Status.RAISED, rule, st, s, Long.MIN_VALUE);
    }
    if (r.enabled && !rule.recovered(s, r)) {
      st.recoveredSince = Long.MIN_VALUE;
      return null;
    }
    if (st.recoveredSince == Long.MIN_VALUE) {
      st.recoveredSince = now;
    }
    if (r.enabled && now - st.recoveredSince < r.clearAfterMs) {
      return null;
    }
    // A rule switched off (a restart with new settings) clears what it had raised at once.
    long clearedAt = r.enabled ? st.recoveredSince + r.clearAfterMs : now;
    QueueAlert cleared = message(QueueAlert.Status.CLEARED, rule, st, s, clearedAt);
    st.alertId = null;
    st.recoveredSince = Long.MIN_VALUE;
    return cleared;
  }

  /**
   * The id of the {@code ordinal}-th raise of a rule on a queue. Not the raise time: after a crash
   * the job replays from its last checkpoint, and a raise it had already sent may happen at another
   * moment in the replay (the live view applies inputs as they arrive); counted from checkpointed
   * state, it is still the same raise with the same id, so its repeat is dropped and its clear
   * matches it. Lengths before the parts: no tenant or queue id can make another's name.
   */
  static String alertId(QueueSnapshot s, AlertRule rule, int ordinal) {
    String name =
        s.tenantId.length()
            + ":"
            + s.tenantId
            + "/"
            + s.queueId.length()
            + ":"
            + s.queueId
            + "/"
            + rule.key()
            + "/#"
            + ordinal;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static QueueAlert message(
      QueueAlert.Status status, AlertRule rule, AlertState st, QueueSnapshot s, long clearedAt) {
    QueueAlert a = new QueueAlert();
    a.alertId = st.alertId;
    a.tenantId = s.tenantId;
    a.queueId = s.queueId;
    a.rule = rule;
    a.severity = st.severity;
    a.status = status;
    a.value = rule.value(s);
    a.threshold = st.threshold;
    a.raisedAt = st.raisedAt;
    a.clearedAt = clearedAt;
    return a;
  }
}
