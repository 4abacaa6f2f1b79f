package io.ccpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.testing.CollectingSinks;
import io.ccpulse.pipeline.testing.ScriptedSources;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;
import org.apache.flink.streaming.api.transformations.UnionTransformation;
import org.junit.jupiter.api.Test;

/** Savepoints map state to operators by uid: every stateful step of the graph must name its own. */
class StableUidsTest {
  @Test
  void everyOperatorOfTheMetricsJobHasAUniqueUid() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    new PipelineJob(PipelineConfig.defaults(), new ScriptedSources(), new CollectingSinks()).buildMetrics(env);
    assertUniqueUids(env);
  }

  @Test
  void everyOperatorOfTheLiveJobHasAUniqueUid() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    new PipelineJob(PipelineConfig.defaults(), new ScriptedSources(), new CollectingSinks()).buildLive(env);
    assertUniqueUids(env);
  }

  private static void assertUniqueUids(StreamExecutionEnvironment env) {
    List<Transformation<?>> operators = env.getTransformations().stream()
        .flatMap(t -> t.getTransitivePredecessors().stream())
        .distinct()
        .filter(t -> !(t instanceof UnionTransformation || t instanceof PartitionTransformation
            || t instanceof SideOutputTransformation))
        .filter(t -> !t.getName().startsWith("Collection Source") && !t.getName().startsWith("Timestamps")
            && !t.getName().equals("Filter") && !t.getName().startsWith("Source: Collection")) // the scripted test sources, not the job
        .collect(Collectors.toList());
    assertThat(operators).isNotEmpty();
    assertThat(operators).allSatisfy(t -> assertThat(t.getUid()).as("uid of %s", t.getName()).isNotBlank());
    assertThat(operators.stream().map(Transformation::getUid).distinct().count()).isEqualTo(operators.size());
  }
}
