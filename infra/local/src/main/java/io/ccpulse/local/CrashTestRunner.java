package io.ccpulse.local;

import io.ccpulse.options.CommandLine;
import io.ccpulse.pipeline.PipelineJob;
import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Both jobs, without end, in local MiniClusters of this process, made to be killed: each
 * checkpoints into a directory of its own under {@code --checkpoints DIR} ({@code live/}, {@code
 * metrics/}) and, started again with the same arguments, resumes from the latest completed
 * checkpoint there, as a cluster's high availability resumes a job whose JobManager died. The crash
 * test ({@code CrashRestartITCase}) kills it with SIGKILL and starts it again.
 *
 * <pre>
 * java -cp ... io.ccpulse.local.CrashTestRunner --checkpoints DIR [--config FILE] [--key value]...
 * </pre>
 *
 * The other arguments are the pipeline's ({@link PipelineConfig#fromArgs}); set {@code
 * flink.execution.checkpointing.interval} short. Each job has a fixed Flink job id (from its name),
 * so its checkpoints stay in one {@code DIR/<job>/<job id>/chk-N} series across restarts, and a
 * restore claims the checkpoint it starts from: Flink deletes it once a newer one completes.
 */
public final class CrashTestRunner {
  private CrashTestRunner() {}

  public static void main(String[] args) throws Exception {
    CommandLine options = CommandLine.parse(args, Set.of());
    Path dir = Path.of(options.required("checkpoints")).toAbsolutePath();
    PipelineConfig config = PipelineConfig.from(options);
    PipelineJob pipeline = PipelineJob.onKafka(config);
    // Side by side, as on a cluster: the metrics job copies whatever the live job has written so
    // far.
    List<JobClient> jobs =
        List.of(
            start("live", dir, config, pipeline::buildLive),
            start("metrics", dir, config, pipeline::buildMetrics));
    for (JobClient job : jobs) {
      job.getJobExecutionResult().get(); // never ends by itself: the test kills the process
    }
  }

  private static JobClient start(
      String name, Path dir, PipelineConfig config, Consumer<StreamExecutionEnvironment> graph)
      throws Exception {
    Path jobDir = dir.resolve(name);
    Configuration flink = FlinkSettings.of(config);
    flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, jobDir.toUri().toString());
    flink.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId(name).toHexString());
    flink.set(RestOptions.BIND_PORT, "0"); // any free port: other runs share this machine
    Optional<Path> latest = latestCheckpoint(jobDir);
    if (latest.isPresent()) {
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toUri().toString());
      flink.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    graph.accept(env);
    JobClient job = env.executeAsync("crash-test-" + name);
    // One line per start, for the test's log: which checkpoint each job resumed from.
    System.out.println(
        "STARTED "
            + name
            + " "
            + job.getJobID()
            + " from "
            + latest.map(Path::toString).orElse("nothing"));
    System.out.flush();
    return job;
  }

  /** The job's fixed id: the same on every start, so its checkpoints form one series. */
  static JobID jobId(String name) {
    UUID id =
        UUID.nameUUIDFromBytes(("ccpulse-crash-test-" + name).getBytes(StandardCharsets.UTF_8));
    return new JobID(id.getLeastSignificantBits(), id.getMostSignificantBits());
  }

  /**
   * The completed checkpoint with the highest id under a job's directory ({@code <job id>/chk-N}).
   * Completed means it has its {@code _metadata}: Flink writes that last, to a temporary file
   * renamed into place, so a checkpoint the kill interrupted has none and is passed over.
   */
  static Optional<Path> latestCheckpoint(Path jobDir) throws IOException {
    if (!Files.isDirectory(jobDir)) {
      return Optional.empty();
    }
    try (Stream<Path> files =
        Files.find(
            jobDir,
            3,
            (p, a) ->
                p.getFileName().toString().equals("_metadata")
                    && p.getParent().getFileName().toString().matches("chk-\\d+"))) {
      return files
          .map(Path::getParent)
          .max(Comparator.comparingLong(CrashTestRunner::checkpointId));
    }
  }

  static long checkpointId(Path chk) {
    return Long.parseLong(chk.getFileName().toString().substring("chk-".length()));
  }
}
