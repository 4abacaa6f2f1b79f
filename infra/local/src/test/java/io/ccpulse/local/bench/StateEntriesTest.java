package io.ccpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** RocksDB's per-column-family gauges summed per state and operator, as the reporter sees them. */
class StateEntriesTest {
  /** A metric group with the variables and scope Flink gives an operator's column family. */
  private static final class Group extends UnregisteredMetricsGroup {
    private final Map<String, String> variables;
    private final String[] scope;

    Group(Map<String, String> variables, String... scope) {
      this.variables = variables;
      this.scope = scope;
    }

    @Override
    public Map<String, String> getAllVariables() {
      return variables;
    }

    @Override
    public String[] getScopeComponents() {
      return scope;
    }
  }

  private static Group columnFamily(String state, String operator, int subtask) {
    return new Group(
        Map.of(
            "<column_family>", state,
            "<operator_name>", operator,
            "<subtask_index>", Integer.toString(subtask)));
  }

  @Test
  void subtasksAreSummedPerStateAndOperatorAndRemovedGaugesLeave() {
    StateEntries reporter = new StateEntries();
    Gauge<BigInteger> seen0 = () -> BigInteger.valueOf(120);
    Gauge<BigInteger> seen1 = () -> BigInteger.valueOf(80);
    Gauge<BigInteger> agent0 = () -> BigInteger.valueOf(7);
    Gauge<Long> other = () -> 1_000_000L;
    Gauge<BigInteger> noVariable = () -> BigInteger.valueOf(3);
    reporter.notifyOfAddedMetric(
        seen0, StateEntries.METRIC, columnFamily("seen-event-ids", "agent-time", 0));
    reporter.notifyOfAddedMetric(
        seen1, StateEntries.METRIC, columnFamily("seen-event-ids", "agent-time", 1));
    reporter.notifyOfAddedMetric(
        agent0, StateEntries.METRIC, columnFamily("agent", "agent-time", 0));
    reporter.notifyOfAddedMetric(
        other, "rocksdb.estimate-live-data-size", columnFamily("agent", "agent-time", 0));
    reporter.notifyOfAddedMetric(
        noVariable,
        StateEntries.METRIC,
        new Group(Map.of("<operator_name>", "contacts"), "taskmanager", "contacts", "0", "legs"));

    assertThat(StateEntries.byState())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "seen-event-ids @ agent-time", 200L,
                "agent @ agent-time", 7L,
                "legs @ contacts", 3L));

    reporter.notifyOfRemovedMetric(seen1, StateEntries.METRIC, null);
    reporter.notifyOfRemovedMetric(agent0, StateEntries.METRIC, null);
    reporter.notifyOfRemovedMetric(seen0, StateEntries.METRIC, null);
    reporter.notifyOfRemovedMetric(noVariable, StateEntries.METRIC, null);
    assertThat(StateEntries.byState()).isEmpty();
  }
}
