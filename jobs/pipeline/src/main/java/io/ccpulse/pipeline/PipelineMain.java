package io.ccpulse.pipeline;

import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.sink.ClickHouseSinks;
import io.ccpulse.pipeline.source.KafkaEventSources;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point on a cluster: {@code flink run ccpulse-pipeline-job.jar --config job.properties [--key value]…}.
 * The {@code flink.*} keys (checkpointing, state backend, restart strategy) become the job's Flink
 * options, over the cluster's configuration.
 */
public final class PipelineMain {
  private PipelineMain() {}

  public static void main(String[] args) throws Exception {
    PipelineConfig config = PipelineConfig.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
    new PipelineJob(config, new KafkaEventSources(config), new ClickHouseSinks(config)).build(env);
    env.execute("ccpulse");
  }
}
