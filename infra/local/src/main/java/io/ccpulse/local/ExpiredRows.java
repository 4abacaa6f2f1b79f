package io.ccpulse.local;

import io.ccpulse.pipeline.sink.ClickHouseSink;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The rows a local run wrote that a table's TTL deleted at once ({@link
 * ClickHouseSink#EXPIRED_ON_WRITE}), per table, for the run's summary: a metric reporter of the
 * local MiniCluster (same JVM), which keeps each writer's count when its job ends.
 */
public final class ExpiredRows implements MetricReporter {
  private static final Map<Counter, String> LIVE = new ConcurrentHashMap<>();
  private static final Map<String, Long> ENDED = new ConcurrentHashMap<>();

  /** The reporter's settings for a local cluster's configuration. */
  static Map<String, String> reporterSettings() {
    return Map.of("metrics.reporter.expired-rows.factory.class", Factory.class.getName());
  }

  /** Rows deleted at once so far, per table (only tables with some). */
  static Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>(ENDED);
    LIVE.forEach((counter, table) -> counts.merge(table, counter.getCount(), Long::sum));
    counts.values().removeIf(n -> n == 0);
    return counts;
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    if (name.equals(ClickHouseSink.EXPIRED_ON_WRITE) && metric instanceof Counter counter) {
      LIVE.put(counter, group.getAllVariables().getOrDefault("<clickhouse>", "?"));
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    if (metric instanceof Counter counter) {
      String table = LIVE.remove(counter);
      if (table != null) {
        ENDED.merge(table, counter.getCount(), Long::sum);
      }
    }
  }

  /** Found by Flink through META-INF/services. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new ExpiredRows();
    }
  }
}
