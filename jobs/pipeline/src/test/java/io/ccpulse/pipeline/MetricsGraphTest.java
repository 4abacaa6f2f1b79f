package io.ccpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The metrics job's graph as the settings shape it: which steps exist, and what is refused. */
class MetricsGraphTest {
  @Test
  void eachIntervalSizeHasItsSumsAndItsWindowsAndAgentsOnlyAtSizesOfTheIntervals() {
    assertThat(uids(Map.of()))
        .contains("interval-sums-60s", "interval-60s", "interval-sums-900s", "interval-900s");
    assertThat(uids(Map.of("metrics.intervals", "5min", "metrics.agent-intervals", "5min")))
        .contains("interval-sums-300s", "interval-300s")
        .doesNotContain("interval-60s", "interval-sums-60s");
    assertThatThrownBy(() -> uids(Map.of("metrics.intervals", "", "metrics.agent-intervals", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metrics.intervals must name at least one size");
    assertThatThrownBy(() -> uids(Map.of("metrics.agent-intervals", "5min")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metrics.agent-intervals [PT5M] must be sizes of metrics.intervals");
  }

  @Test
  void chainedStepsHandEachOtherTheRecordItself() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    PipelineJob.onKafka(PipelineConfig.defaults()).buildMetrics(env);
    assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
  }

  private static List<String> uids(Map<String, String> settings) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    PipelineJob.onKafka(PipelineConfig.defaults().with(settings)).buildMetrics(env);
    return env.getTransformations().stream()
        .flatMap(t -> t.getTransitivePredecessors().stream())
        .map(Transformation::getUid)
        .distinct()
        .toList();
  }
}
