package io.ccpulse.pipeline;

import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.util.List;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point on a cluster: {@code flink run ccpulse-pipeline-job.jar --config job.properties
 * [--key value]…}. The {@code flink.*} keys (checkpointing, state backend, restart strategy) become
 * the jobs' Flink options, over the cluster's configuration; {@code job} says which of the two jobs
 * to start.
 */
public final class PipelineMain {
  private PipelineMain() {}

  public static void main(String[] args) throws Exception {
    PipelineConfig config = PipelineConfig.fromArgs(args);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
    List<JobClient> jobs = PipelineJob.onKafka(config).start(env);
    if (env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
      for (JobClient job : jobs) {
        job.getJobExecutionResult().get(); // wait, and fail with the job's failure
      }
    }
  }
}
