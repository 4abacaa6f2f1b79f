package io.ccpulse.pipeline.alert;

import io.ccpulse.pipeline.queue.QueueSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every rule's standing for one queue. A Flink POJO, kept in state beside the queue. */
public class AlertBook {
  /** Indexed by {@link AlertRule#ordinal()}. */
  public AlertState[] byRule;

  public AlertBook() {}

  public static AlertBook empty() {
    AlertBook b = new AlertBook();
    b.byRule = new AlertState[AlertRule.values().length];
    for (int i = 0; i < b.byRule.length; i++) {
      b.byRule[i] = new AlertState();
    }
    return b;
  }

  /** Judges every rule on the queue's health now; the raises and clears, in rule order. */
  public List<QueueAlert> judge(Map<AlertRule, RuleSettings> settings, QueueSnapshot s) {
    if (byRule.length < AlertRule.values().length) { // state from before a rule was added
      AlertState[] more = java.util.Arrays.copyOf(byRule, AlertRule.values().length);
      for (int i = byRule.length; i < more.length; i++) {
        more[i] = new AlertState();
      }
      byRule = more;
    }
    List<QueueAlert> changes = new ArrayList<>(1);
    for (AlertRule rule : AlertRule.values()) {
      QueueAlert change = AlertTracker.judge(rule, settings.get(rule), byRule[rule.ordinal()], s);
      if (change != null) {
        changes.add(change);
      }
    }
    return changes;
  }

  public int openCount() {
    int n = 0;
    for (AlertState st : byRule) {
      n += st.open() ? 1 : 0;
    }
    return n;
  }
}
