package io.ccpulse.local.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.View;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The entries each keyed state holds, for the benchmark's state run: a metric reporter of the
 * benchmark's MiniCluster (same JVM) that keeps RocksDB's {@code estimate-num-keys} gauge of every
 * column family (one per state and per timer queue, in each subtask) and sums them per state and
 * operator on demand. RocksDB stores a map state's entries as keys of their own, so the figure is
 * entries, not keys; it is an estimate (RocksDB counts overwrites and deletions not yet compacted
 * away), good for seeing whether a state grows, not for exact counts.
 */
public final class StateEntries implements MetricReporter {
  static final String METRIC = "rocksdb.estimate-num-keys";
  private static final Map<Gauge<?>, String> LIVE = new ConcurrentHashMap<>();

  /**
   * The cluster settings: this reporter, and RocksDB's gauge per column family with the column
   * family as a variable (so the state's name is found by key, not by position in the scope).
   */
  static Map<String, String> clusterSettings() {
    return Map.of(
        "metrics.reporter.state-entries.factory.class", Factory.class.getName(),
        "state.backend.rocksdb.metrics.estimate-num-keys", "true",
        "state.backend.rocksdb.metrics.column-family-as-variable", "true");
  }

  /**
   * Entries now, per {@code state @ operator}, summed over subtasks; empty when no job runs on
   * RocksDB.
   */
  static Map<String, Long> byState() {
    Map<String, Long> entries = new TreeMap<>();
    LIVE.forEach((gauge, state) -> entries.merge(state, value(gauge), Long::sum));
    return entries;
  }

  private static long value(Gauge<?> gauge) {
    if (gauge instanceof View view) {
      view.update(); // RocksDB's gauges cache what a background thread read up to 5 s ago
    }
    return gauge.getValue() instanceof Number n ? n.longValue() : 0;
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    if (name.equals(METRIC) && metric instanceof Gauge<?> gauge) {
      Map<String, String> variables = group.getAllVariables();
      String state = variables.get("<column_family>");
      if (state == null) { // column-family-as-variable off: the group is named after it
        List<String> scope = List.of(group.getScopeComponents());
        state = scope.isEmpty() ? "?" : scope.get(scope.size() - 1);
      }
      LIVE.put(gauge, state + " @ " + variables.getOrDefault("<operator_name>", "?"));
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    if (metric instanceof Gauge<?> gauge) {
      LIVE.remove(gauge);
    }
  }

  /** Found by Flink through META-INF/services. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new StateEntries();
    }
  }
}
