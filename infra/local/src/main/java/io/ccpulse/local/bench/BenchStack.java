package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ChdbProcess;
import io.ccpulse.infra.kafka.LocalKafkaBroker;
import io.ccpulse.pipeline.PipelineJob;
import io.ccpulse.pipeline.config.FlinkSettings;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.output.TopicNames;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Private instances for the benchmark, on free ports of 127.0.0.1 (never 9092/8123, which {@code
 * make stack} may hold): a Kafka broker in this JVM, ClickHouse (chDB) in its own process, and one
 * Flink MiniCluster kept for every round, so a round's time is the job's and not the cluster's
 * start. Data lives in a temporary directory removed at the end.
 */
final class BenchStack implements AutoCloseable {
  private final Path dir;
  private final LocalKafkaBroker kafka;
  private ChdbProcess clickhouse;
  private final MiniCluster flink;
  private final int parallelism;
  private final int partitions;

  private BenchStack(
      Path dir,
      LocalKafkaBroker kafka,
      ChdbProcess clickhouse,
      MiniCluster flink,
      int parallelism,
      int partitions) {
    this.dir = dir;
    this.kafka = kafka;
    this.clickhouse = clickhouse;
    this.flink = flink;
    this.parallelism = parallelism;
    this.partitions = partitions;
  }

  /**
   * @param partitions of every topic the benchmark creates
   */
  static BenchStack start(int parallelism, int partitions, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("ccpulse-bench");
    LocalKafkaBroker kafka = null;
    ChdbProcess clickhouse = null;
    MiniCluster flink = null;
    try {
      // No time-based retention: the simulated records carry January timestamps, far older than the
      // local broker's 24 h, so its first retention check (30 s after start) would delete every
      // closed 16 MiB segment under a running job, which then finishes early, having read a
      // fraction.
      kafka =
          LocalKafkaBroker.builder()
              .port(0)
              .dataDir(dir.resolve("kafka"))
              .property("log.retention.ms", "-1")
              .build()
              .start();
      clickhouse = ChdbProcess.builder().dataDir(dir.resolve("clickhouse")).port(0).start();
      // Every listener on 127.0.0.1: the blob server and the TaskManager's data port bind to
      // 0.0.0.0 by default.
      Configuration conf = new Configuration();
      conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
      conf.set(RestOptions.ADDRESS, "127.0.0.1");
      conf.set(RestOptions.BIND_PORT, "0");
      conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
      conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
      conf.set(TaskManagerOptions.HOST, "127.0.0.1");
      // RocksDB's entries per state, for the per-day state run (read in this JVM); costs nothing
      // while no job runs on RocksDB.
      conf.addAll(Configuration.fromMap(StateEntries.clusterSettings()));
      flink =
          new MiniCluster(
              new MiniClusterConfiguration.Builder()
                  .setConfiguration(conf)
                  .setCommonBindAddress("127.0.0.1")
                  .setNumTaskManagers(1)
                  .setNumSlotsPerTaskManager(2 * parallelism)
                  .build()); // the live and the metrics job
      flink.start();
      out.printf(
          "Kafka %s (in this JVM), ClickHouse %s (chDB, own process), Flink MiniCluster %s (1 TM, %d slots); data in %s%n",
          kafka.bootstrapServers(),
          clickhouse.httpUrl(),
          flink.getRestAddress().get(),
          2 * parallelism,
          dir);
      return new BenchStack(dir, kafka, clickhouse, flink, parallelism, partitions);
    } catch (Exception e) {
      if (flink != null) {
        flink.closeAsync().get(60, TimeUnit.SECONDS);
      }
      if (clickhouse != null) {
        clickhouse.close();
      }
      if (kafka != null) {
        kafka.close();
      }
      deleteTree(dir);
      throw e;
    }
  }

  /** Of every topic the benchmark creates. */
  int partitions() {
    return partitions;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** A topic of the benchmark's partition count. */
  void createTopic(String name) {
    kafka.createTopic(name, partitions);
  }

  /**
   * The records a topic holds: the sum of its end offsets (the job's Kafka sinks write at least
   * once, without transaction markers).
   */
  long topicRecords(String topic) {
    Map<String, Object> props =
        Map.of(
            org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            org.apache.kafka.common.serialization.ByteArrayDeserializer.class,
            org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(props)) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The input topics, named {@code <prefix>.interactions} etc. */
  TopicNames createTopics(String prefix) {
    return createTopics(prefix, partitions);
  }

  /**
   * The same with interactions and surveys on {@code contactPartitions} (agent states on the usual
   * number): on one, a replay judges lateness exactly as the simulated stream did, as make run
   * does.
   */
  TopicNames createTopics(String prefix, int contactPartitions) {
    TopicNames topics =
        new TopicNames(prefix + ".interactions", prefix + ".agent-states", prefix + ".surveys");
    kafka.createTopic(topics.interactions(), contactPartitions);
    kafka.createTopic(topics.agentStates(), partitions);
    kafka.createTopic(topics.surveys(), contactPartitions);
    return topics;
  }

  /** A new database with every migration applied. */
  ClickHouseEndpoint freshDatabase(String name) throws Exception {
    ClickHouseEndpoint endpoint =
        new ClickHouseEndpoint(clickhouse.jdbcUrl(), name, "default", Map.of());
    new Migrator(endpoint, Map.of()).migrate();
    return endpoint;
  }

  /**
   * The job reading {@code topics} into {@code db}, with the given settings on top of {@code base}.
   * Any other {@code kafka.topic.*} the job has is one it writes (e.g. burnout level changes): it
   * gets a topic of its own next to the inputs, created here, since the broker creates none by
   * itself.
   */
  PipelineConfig jobConfig(
      PipelineConfig base, TopicNames topics, ClickHouseEndpoint db, boolean bounded) {
    Map<String, String> settings =
        new HashMap<>(
            Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "kafka.topic.interactions", topics.interactions(),
                "kafka.topic.agent-states", topics.agentStates(),
                "kafka.topic.surveys", topics.surveys(),
                "kafka.group.id", "bench-" + db.database(),
                "kafka.bounded", Boolean.toString(bounded),
                "clickhouse.url", db.url(),
                "clickhouse.database", db.database()));
    String prefix = topics.interactions().substring(0, topics.interactions().lastIndexOf('.'));
    base.withPrefix("kafka.topic.")
        .forEach(
            (name, value) -> {
              if (!value.isEmpty() && !settings.containsKey("kafka.topic." + name)) {
                kafka.createTopic(prefix + "." + name, partitions);
                settings.put("kafka.topic." + name, prefix + "." + name);
              }
            });
    return base.with(settings);
  }

  /**
   * One of the pipeline's graphs (the metrics job, or the live job) as {@code make run} builds it:
   * same parallelism, 10 s checkpoints.
   */
  StreamGraph graph(PipelineConfig config, String name, boolean live) {
    return graph(config, name, live, parallelism);
  }

  /** The same at another parallelism (at most the stack's: the slots are sized for it). */
  StreamGraph graph(PipelineConfig config, String name, boolean live, int parallelism) {
    return graph(config, name, live, parallelism, new Configuration());
  }

  /** The metrics job with Flink options of its own on top (e.g. another state backend). */
  StreamGraph graph(PipelineConfig config, String name, Configuration options) {
    return graph(config, name, false, parallelism, options);
  }

  private StreamGraph graph(
      PipelineConfig config, String name, boolean live, int parallelism, Configuration options) {
    // Checkpoints to local disk, as a deployment would (to its file system or object store): the
    // default JobManager storage refuses a task state above 5 MB, which the large day exceeds, and
    // each refused checkpoint then fails the job over.
    Configuration job =
        FlinkSettings.forLocalRun(config); // a checkpoint waiting on ClickHouse is tolerated
    job.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    job.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
    job.addAll(options);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job);
    env.setParallelism(parallelism);
    env.enableCheckpointing(Duration.ofSeconds(10).toMillis());
    if (live) {
      PipelineJob.onKafka(config).buildLive(env);
    } else {
      PipelineJob.onKafka(config).buildMetrics(env);
    }
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(name);
    return graph;
  }

  /** Submits to the running MiniCluster; returns once the cluster has accepted the job. */
  JobID submit(StreamGraph graph) throws Exception {
    return flink.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
  }

  /** Cancels the job and waits until it has stopped (sources closed, sinks closed). */
  void cancel(JobID job) throws Exception {
    flink.cancelJob(job).get(60, TimeUnit.SECONDS);
    flink.requestJobResult(job).get(120, TimeUnit.SECONDS);
  }

  /**
   * True if the job has failed over at least once: its figures would include a restart, so they are
   * not reported.
   */
  boolean restarted(JobID job) throws Exception {
    return flink
            .getExecutionGraph(job)
            .get(30, TimeUnit.SECONDS)
            .getStatusTimestamp(JobStatus.RESTARTING)
        != 0;
  }

  /** The job's latest completed checkpoint; null before the first. */
  CompletedCheckpointStats latestCheckpoint(JobID job) throws Exception {
    return flink
        .getExecutionGraph(job)
        .get(30, TimeUnit.SECONDS)
        .getCheckpointStatsSnapshot()
        .getHistory()
        .getLatestCompletedCheckpoint();
  }

  /**
   * The heap in use after a full collection: what the job (and the broker, in this JVM) keep. For
   * the state runs, which sample it while the job runs.
   */
  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * ClickHouse killed for real (SIGKILL), as a crashed or unplugged server; {@link
   * #startClickHouse()} brings it back.
   */
  void killClickHouse() {
    ProcessHandle.of(clickhouse.pid()).ifPresent(ProcessHandle::destroyForcibly);
    clickhouse.close();
  }

  /** ClickHouse started again on its port and data, after {@link #killClickHouse()}. */
  void startClickHouse() throws IOException {
    clickhouse =
        ChdbProcess.builder().dataDir(dir.resolve("clickhouse")).port(clickhouse.port()).start();
  }

  long clickhousePid() {
    return clickhouse.pid();
  }

  MiniCluster flink() {
    return flink;
  }

  @Override
  public void close() {
    try {
      flink.closeAsync().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("Flink MiniCluster did not stop cleanly: " + e);
    }
    try {
      clickhouse.close();
    } finally {
      kafka.close();
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not remove " + root + ": " + e.getMessage());
    }
  }
}
