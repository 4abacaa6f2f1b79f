package io.ccpulse.pipeline;

import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.sink.ClickHouseSinks;
import io.ccpulse.pipeline.source.KafkaEventSources;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Entry point on a cluster: {@code flink run ccpulse-pipeline.jar --config job.properties [--key value]…}. */
public final class PipelineMain {
  private PipelineMain() {}

  public static void main(String[] args) throws Exception {
    PipelineConfig config = PipelineConfig.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    new PipelineJob(config, new KafkaEventSources(config), new ClickHouseSinks(config)).build(env);
    env.execute("ccpulse");
  }
}
