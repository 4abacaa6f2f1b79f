package io.ccpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;
import org.apache.flink.streaming.api.transformations.UnionTransformation;
import org.junit.jupiter.api.Test;

/** Savepoints map state to operators by uid: every stateful step of the graph must name its own. */
class StableUidsTest {
  /**
   * The production wiring (Kafka sources, whose state holds the offsets; ClickHouse and Kafka
   * sinks): nothing connects to build it.
   */
  private static PipelineJob production() {
    // Every output on, the queue-wait topic too (off by default).
    return PipelineJob.onKafka(
        PipelineConfig.defaults().with(Map.of("kafka.topic.queue-wait", "ccpulse.queue-wait")));
  }

  @Test
  void everyOperatorOfTheMetricsJobHasAUniqueUid() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    production().buildMetrics(env);
    assertThat(uids(env))
        .contains(
            "source-InteractionEvent",
            "source-AgentStateEvent",
            "source-SurveyEvent",
            "source-queue-health",
            "source-queue-alerts",
            "contact-assembler",
            "sink-contact-facts",
            "sink-contact-facts-surveys",
            "sink-interval-metrics-60s",
            "sink-interval-metrics-900s",
            "sink-queue-health");
  }

  @Test
  void everyOperatorOfTheLiveJobHasAUniqueUid() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    production().buildLive(env);
    assertThat(uids(env))
        .contains(
            "source-InteractionEvent",
            "source-AgentStateEvent",
            "queue-monitor",
            "topic-queue-health",
            "queue-wait-changes",
            "topic-queue-wait",
            "topic-queue-alerts")
        .doesNotContain("source-SurveyEvent", "sink-queue-health");
  }

  /** Every operator's uid, after checking each has one and no two share one. */
  private static List<String> uids(StreamExecutionEnvironment env) {
    List<Transformation<?>> operators =
        env.getTransformations().stream()
            .flatMap(t -> t.getTransitivePredecessors().stream())
            .distinct()
            .filter(
                t ->
                    !(t instanceof UnionTransformation
                        || t instanceof PartitionTransformation
                        || t instanceof SideOutputTransformation))
            .collect(Collectors.toList());
    assertThat(operators).isNotEmpty();
    assertThat(operators)
        .allSatisfy(t -> assertThat(t.getUid()).as("uid of %s", t.getName()).isNotBlank());
    List<String> uids = operators.stream().map(Transformation::getUid).toList();
    assertThat(uids).doesNotHaveDuplicates();
    return uids;
  }
}
