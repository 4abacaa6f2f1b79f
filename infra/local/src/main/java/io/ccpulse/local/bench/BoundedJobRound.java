package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.output.TopicNames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.executiongraph.IOMetrics;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One throughput round of the job: bounded over the topics (to the offsets that exist at start),
 * into a fresh ClickHouse database, on the already running MiniCluster, with a fresh consumer
 * group.
 */
final class BoundedJobRound {
  private static final long LIMIT_MINUTES = 20;

  /**
   * @param records what the topics hold (the same count the raw consumer read)
   * @param submitToFinishedMs from handing the graph to the cluster to the job's result
   * @param runningToFinishedMs the job's own RUNNING to FINISHED timestamps: without scheduling
   * @param submitToReadableMs to a query, sent after the job finished, returning every table's rows
   */
  record Result(
      long records,
      long submitToFinishedMs,
      long runningToFinishedMs,
      long submitToReadableMs,
      String rows,
      TableRows tables,
      CpuMeter.Usage cpu,
      Map<String, Long> clickhouseThreads,
      Map<String, Long> jobThreads,
      ClickHouseWork clickhouseWork,
      Live live) {
    double recordsPerSecond() {
      return records * 1000.0 / submitToFinishedMs;
    }

    /**
     * Records per second of CPU the pipeline used: what a shared machine's other load does not
     * change much.
     */
    double recordsPerCpuSecond() {
      return records * 1000.0 / cpu.totalMs();
    }
  }

  /**
   * The live job's part of a round, run before the metrics job: its time, its CPU, and what it
   * wrote to its two topics (which the metrics job then copies into ClickHouse).
   *
   * @param millis from submit to the job's result
   */
  record Live(long millis, CpuMeter.Usage cpu, long snapshots, long alerts) {
    @Override
    public String toString() {
      return String.format(
          "submit -> finished %.2f s, %,d queue-health snapshots and %,d alert messages to Kafka; %s",
          millis / 1000.0, snapshots, alerts, cpu);
    }
  }

  private BoundedJobRound() {}

  static Result run(
      BenchStack stack,
      PipelineConfig base,
      TopicNames topics,
      String database,
      long records,
      boolean withLive,
      int parallelism)
      throws Exception {
    ClickHouseEndpoint db = stack.freshDatabase(database);
    PipelineConfig config = stack.jobConfig(base, topics, db, true);
    // The live job's topics are the round's own: the metrics job copies what they hold, all of it.
    String health = "";
    String alerts = "";
    if (withLive) {
      String prefix =
          topics.interactions().substring(0, topics.interactions().lastIndexOf('.') + 1);
      health = prefix + database + ".queue-health";
      alerts = prefix + database + ".queue-alerts";
      stack.createTopic(health);
      stack.createTopic(alerts);
    }
    config =
        config.with(Map.of("kafka.topic.queue-health", health, "kafka.topic.queue-alerts", alerts));
    Live live = null;
    if (withLive) {
      live = runLive(stack, config, database, health, alerts, parallelism);
    }
    StreamGraph graph = stack.graph(config, "ccpulse bench " + database, false, parallelism);

    ClickHouseWork workBefore = ClickHouseWork.read(db);
    ThreadCpu threads = ThreadCpu.start(stack.clickhousePid());
    JobThreadCpu jobThreads = JobThreadCpu.start();
    CpuMeter cpu = CpuMeter.start(stack.clickhousePid());
    long t0 = System.nanoTime();
    JobID job = stack.submit(graph);
    JobResult result = null;
    long deadline = t0 + TimeUnit.MINUTES.toNanos(LIMIT_MINUTES);
    while (result == null) {
      try {
        result = stack.flink().requestJobResult(job).get(1, TimeUnit.SECONDS);
      } catch (TimeoutException running) {
        if (stack.restarted(job) || System.nanoTime() > deadline) {
          boolean restarted = stack.restarted(job);
          stack.cancel(job);
          throw new IllegalStateException(
              restarted
                  ? "the bounded job failed over (see the log above); a round with a restart is no measurement"
                  : "the bounded job did not finish within " + LIMIT_MINUTES + " minutes");
        }
      }
    }
    long finished = System.nanoTime();
    CpuMeter.Usage cpuUse = cpu.since();
    Map<String, Long> clickhouseThreads = threads.since();
    Map<String, Long> byChain = jobThreads.byChain();
    jobThreads.close();
    if (!result.isSuccess()) {
      throw new IllegalStateException(
          "the bounded job failed",
          result
              .getSerializedThrowable()
              .map(t -> t.deserializeError(BoundedJobRound.class.getClassLoader()))
              .orElse(null));
    }
    // The sink INSERTs its last rows before the job can finish, so one query right after the end
    // sees them all; it is timed anyway, because "readable" is what an analyst waits for.
    String rows = rowCounts(db);
    long readable = System.nanoTime();
    ClickHouseWork work = ClickHouseWork.read(db).minus(workBefore);
    TableRows tables = TableRows.of(db);

    ArchivedExecutionGraph graphAfter =
        stack.flink().getArchivedExecutionGraph(job).get(30, TimeUnit.SECONDS);
    if (graphAfter.getStatusTimestamp(JobStatus.RESTARTING) != 0) {
      throw new IllegalStateException(
          "the bounded job failed over (see the log above); a round with a restart is no measurement");
    }
    long read = sourceRecords(graphAfter, topics);
    if (read != records) {
      // A bounded job that read less still finishes successfully; its rate would be a fiction.
      throw new IllegalStateException(
          "the job's sources read " + read + " records, the topics hold " + records);
    }
    // Gone before the next round: ClickHouse would otherwise still be merging this round's two
    // million rows in the background while the next one runs, on the same two cores.
    try (Connection server = db.openServer();
        Statement st = server.createStatement()) {
      st.execute("DROP DATABASE " + db.database());
    }
    long running = graphAfter.getStatusTimestamp(JobStatus.RUNNING);
    long done = graphAfter.getStatusTimestamp(JobStatus.FINISHED);
    return new Result(
        records,
        (finished - t0) / 1_000_000,
        done - running,
        (readable - t0) / 1_000_000,
        rows,
        tables,
        cpuUse,
        clickhouseThreads,
        byChain,
        work,
        live);
  }

  private static Live runLive(
      BenchStack stack,
      PipelineConfig config,
      String database,
      String health,
      String alerts,
      int parallelism)
      throws Exception {
    StreamGraph graph = stack.graph(config, "ccpulse bench live " + database, true, parallelism);
    CpuMeter cpu = CpuMeter.start(stack.clickhousePid());
    long t0 = System.nanoTime();
    JobID job = stack.submit(graph);
    JobResult result = stack.flink().requestJobResult(job).get(LIMIT_MINUTES, TimeUnit.MINUTES);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    CpuMeter.Usage use = cpu.since();
    if (!result.isSuccess()) {
      throw new IllegalStateException(
          "the bounded live job failed",
          result
              .getSerializedThrowable()
              .map(t -> t.deserializeError(BoundedJobRound.class.getClassLoader()))
              .orElse(null));
    }
    if (stack
            .flink()
            .getArchivedExecutionGraph(job)
            .get(30, TimeUnit.SECONDS)
            .getStatusTimestamp(JobStatus.RESTARTING)
        != 0) {
      throw new IllegalStateException(
          "the bounded live job failed over (see the log above); a round with a restart is no measurement");
    }
    return new Live(millis, use, stack.topicRecords(health), stack.topicRecords(alerts));
  }

  /**
   * Records the Kafka sources of the three input topics read, from the finished job's task metrics
   * (not those copying the live job's topics).
   */
  private static long sourceRecords(ArchivedExecutionGraph graph, TopicNames topics) {
    long read = 0;
    for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
      String name = vertex.getName() + " ";
      boolean input =
          java.util.stream.Stream.of(topics.interactions(), topics.agentStates(), topics.surveys())
              .anyMatch(topic -> name.startsWith("Source: kafka-" + topic + " "));
      if (input) {
        for (AccessExecutionVertex task : vertex.getTaskVertices()) {
          IOMetrics io = task.getCurrentExecutionAttempt().getIOMetrics();
          read += io == null ? 0 : io.getNumRecordsIn();
        }
      }
    }
    return read;
  }

  /** What the job wrote, for a glance that every round did the same work. */
  private static String rowCounts(ClickHouseEndpoint db) throws Exception {
    try (Connection conn = db.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT (SELECT count() FROM interval_metrics), (SELECT count() FROM agent_time),"
                    + " (SELECT count() FROM contact_facts), (SELECT count() FROM rejected_events),"
                    + " (SELECT sum(events) FROM ingest_counts FINAL)")) {
      rs.next();
      return String.format(
          "%,d interval rows, %,d agent-time rows, %,d facts, %,d rejected, %,d events counted",
          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
  }
}
