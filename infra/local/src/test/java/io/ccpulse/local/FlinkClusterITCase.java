package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.local.cluster.FlinkRest;
import io.ccpulse.local.cluster.LocalFlinkCluster;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Flink cluster: a JobManager and two TaskManagers, each a JVM of its own whose
 * classpath is a distribution's lib/ only ({@link LocalFlinkCluster}, configured by the shared
 * {@code infra/deploy/flink/config.yaml}), started once for the class. The shaded job jar is
 * uploaded and run over the REST API as a data engineer does, so the job's classes are loaded
 * child-first from it; state is in RocksDB with incremental checkpoints to a local folder, written
 * by one process and read by another after a failure or a rescale.
 *
 * <ul>
 *   <li>Failover: mid-run, one TaskManager that runs part of the job is killed with SIGKILL; the
 *       job restarts from its last checkpoint on the slots left, and at the end every analyst view
 *       equals the simulator's truth.
 *   <li>Rescaling: stopped with a savepoint at parallelism 2, resumed at 4, stopped again, resumed
 *       at 1: every analyst view equals the truth. The key groups ({@code
 *       flink.pipeline.max-parallelism}, 128) are the limit: a savepoint restores at any
 *       parallelism up to it.
 * </ul>
 *
 * <p>The input is a small simulated morning (an hour, two for the rescaling) with duplicates and
 * bad records, without out-of-order or too-late events: whether those are judged late depends on
 * the watermark an event meets, and Flink keeps no watermark across a restore (see
 * CrashRestartITCase).
 */
class FlinkClusterITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension FAILOVER = new ClickHouseExtension();
  @RegisterExtension static final ClickHouseExtension RESCALED = new ClickHouseExtension();

  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final String SECRET = "cluster-test-secret-5f1e";
  private static final String MAIN = "io.ccpulse.pipeline.PipelineMain";

  /**
   * The processes' logs, checkpoints and savepoints; under target/ so that they outlive a failed
   * run.
   */
  private static final Path FLINK_DIR = Path.of("target", "flink-cluster-it").toAbsolutePath();

  @TempDir static Path dir;
  private static LocalFlinkCluster cluster;
  private static FlinkRest rest;
  private static String jarId;

  @BeforeAll
  static void startCluster() throws Exception {
    if (Files.exists(FLINK_DIR)) {
      try (Stream<Path> old = Files.walk(FLINK_DIR)) {
        old.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    Path password = Files.writeString(dir.resolve("clickhouse-password"), SECRET);
    cluster =
        LocalFlinkCluster.builder(
                Path.of(property("ccpulse.flink.conf.dir")),
                FLINK_DIR,
                LocalFlinkCluster.libClasspath(
                    Path.of(property("ccpulse.flink.lib.classpath.file"))))
            .taskManagers(2)
            .taskManagerEnv("CCPULSE_CLICKHOUSE_PASSWORD_FILE", password.toString())
            // The build machine may be loaded far beyond its cores (a load of 70 on 2 was seen):
            // RPCs and heartbeats wait longer than config.yaml's. A killed TaskManager is still
            // noticed at once, by its connections failing.
            .option("pekko.ask.timeout", "60s")
            .option("pekko.startup-timeout", "60s")
            .option("heartbeat.interval", "5s")
            .option("heartbeat.timeout", "60s")
            .start(Duration.ofMinutes(3));
    rest = cluster.rest();
    Path jar = Path.of(property("ccpulse.job.jar"));
    assertThat(jar).as("the shaded job jar (mvn -pl jobs/pipeline package)").isRegularFile();
    long t0 = System.nanoTime();
    jarId = rest.uploadJar(jar);
    System.out.printf("  job jar uploaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
      try (Stream<Path> files = Files.walk(FLINK_DIR)) {
        for (Path f : files.filter(f -> f.toString().matches(".*\\.(log|out)$")).toList()) {
          assertThat(Files.readString(f)).as("the password in " + f).doesNotContain(SECRET);
        }
      }
    }
  }

  /** Both TaskManagers up and every slot free: a test's killed TaskManager comes back. */
  @BeforeEach
  void everySlotFree() throws Exception {
    for (String job : rest.activeJobs()) {
      rest.cancel(job);
    }
    for (int i = 0; i < 2; i++) {
      if (!cluster.taskManagerAlive(i)) {
        cluster.startTaskManager(i);
      }
    }
    cluster.awaitSlots(cluster.totalSlots(), Duration.ofMinutes(2));
    assertThat(poll(() -> freeSlots() == cluster.totalSlots(), null)).isTrue();
  }

  @Test
  void aTaskManagerKilledMidRunTheJobRecoversOnTheSlotsLeftAndEveryViewEqualsTheTruth()
      throws Exception {
    Day day = new Day("failover", FAILOVER, 2, 11, Duration.ofHours(1));
    long t0 = System.nanoTime();
    day.publish(0, day.records.size() / 2);
    String job = day.submit(2, null);
    assertThat(poll(() -> day.intervalRows() > 0 && rest.latestCheckpoint(job) > 0, job))
        .as("rows written, a checkpoint completed")
        .isTrue();
    // The TaskManager to kill: one that runs subtasks of the job (both do, slots spread evenly).
    java.util.Set<String> running = rest.taskManagersOf(job);
    int victim = running.contains(LocalFlinkCluster.taskManagerId(1)) ? 1 : 0;
    assertThat(running).contains(LocalFlinkCluster.taskManagerId(victim));
    long checkpoint = rest.latestCheckpoint(job);
    long rowsBefore = day.intervalRows();
    cluster.killTaskManager(victim);

    day.publish(day.records.size() / 2, day.records.size());
    day.flush();
    assertThat(poll(() -> rest.restarts(job) > 0, job)).as("the job restarted").isTrue();
    assertThat(poll(day::matchesTruth, job)).as("every row equals the truth").isTrue();
    assertThat(rest.state(job)).isEqualTo("RUNNING");
    assertThat(rest.taskManagersOf(job))
        .containsExactly(LocalFlinkCluster.taskManagerId(1 - victim));
    day.assertViewsEqualTheTruth();
    System.out.printf(
        "Failover: %s killed after checkpoint %d (%,d interval rows); %d restart(s); the truth"
            + " reached in %.0f s%n",
        LocalFlinkCluster.taskManagerId(victim),
        checkpoint,
        rowsBefore,
        rest.restarts(job),
        (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void stoppedWithASavepointAtParallelism2ResumedAt4ThenAt1EveryViewEqualsTheTruth()
      throws Exception {
    // Two hours: a third of them fills every one of the 4 partitions of each topic (with less, a
    // survey partition stays empty and holds the event-time clock back until it counts as idle).
    Day day = new Day("rescaled", RESCALED, 4, 12, Duration.ofHours(2));
    long t0 = System.nanoTime();
    int third = day.records.size() / 3;
    day.publish(0, third);
    String savepoint = day.runUntilProgressAndStop(2, null);
    day.publish(third, 2 * third);
    savepoint = day.runUntilProgressAndStop(4, savepoint);
    day.publish(2 * third, day.records.size());
    day.flush();
    String last = day.submit(1, savepoint);
    assertThat(poll(day::matchesTruth, last)).as("every row equals the truth").isTrue();
    assertThat(rest.parallelism(last)).isEqualTo(1);
    day.assertViewsEqualTheTruth();
    System.out.printf(
        "Rescaling: parallelism 2 -> 4 -> 1 through savepoints; the truth reached in %.0f s%n",
        (System.nanoTime() - t0) / 1e9);
  }

  /** A simulated morning on a test's own topics and database, and the metrics job that reads it. */
  private static final class Day {
    final String name;
    final ClickHouseExtension clickhouse;
    final ClickHouseEndpoint endpoint;
    final int partitions;
    final TopicNames topics;
    final Scenario scenario;
    final Simulation sim;
    final List<DeliveredRecord> records;
    final Path properties;

    Day(String name, ClickHouseExtension clickhouse, int partitions, long seed, Duration duration)
        throws Exception {
      this.name = name;
      this.clickhouse = clickhouse;
      this.endpoint = Endpoints.of(clickhouse);
      this.partitions = partitions;
      this.topics =
          new TopicNames(
              KAFKA.topic("interactions", partitions),
              KAFKA.topic("agent-states", partitions),
              KAFKA.topic("surveys", partitions));
      Map<String, String> settings = new LinkedHashMap<>();
      PipelineConfig.defaults()
          .withPrefix("kafka.topic.")
          .keySet()
          .forEach(k -> settings.put("kafka.topic." + k, ""));
      settings.put("job", "metrics");
      settings.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
      settings.put("kafka.topic.interactions", topics.interactions());
      settings.put("kafka.topic.agent-states", topics.agentStates());
      settings.put("kafka.topic.surveys", topics.surveys());
      settings.put("kafka.group.id", name);
      settings.put("event-time.watermark-per-event", "true");
      settings.put("clickhouse.url", endpoint.url());
      settings.put("clickhouse.database", endpoint.database());
      // The job's defaults otherwise: RocksDB, incremental checkpoints (to the cluster's folder),
      // max parallelism 128, exponential-delay restarts; checkpoints more often than a minute.
      settings.put("flink.execution.checkpointing.interval", "2s");
      settings.put("flink.execution.checkpointing.min-pause", "500ms");
      this.properties = dir.resolve(name + ".properties");
      Properties p = new Properties();
      p.putAll(settings);
      try (Writer w = Files.newBufferedWriter(properties)) {
        p.store(w, "the " + name + " test's job");
      }
      FaultSettings faults =
          FaultSettings.defaults()
              .withDuplicateRate(0.02)
              .withOutOfOrder(0, Duration.ofSeconds(20))
              .withTooLate(0, Duration.ofMinutes(5), null)
              .withUnreadableRate(0.01)
              .withUnknownSchemaRate(0.01)
              .withImpossibleRate(0.02);
      this.scenario = Preset.SMALL.builder().seed(seed).duration(duration).faults(faults).build();
      this.sim =
          Simulator.run(TruthForJob.scenario(scenario, PipelineConfig.defaults().with(settings)));
      this.records = sim.records();
      new Migrator(endpoint, Map.of()).migrate();
    }

    void publish(int from, int to) {
      try (KafkaOutput out = new KafkaOutput(KAFKA.bootstrapServers(), topics)) {
        records.subList(from, to).forEach(out::accept);
      }
    }

    /** Events of the next day, so the watermark passes the end of the morning. */
    void flush() throws Exception {
      FlushEvents.publish(
          KAFKA.producerProperties(),
          topics,
          partitions,
          scenario.start().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1));
    }

    /** Runs the uploaded jar's PipelineMain with this day's properties; returns the job id. */
    String submit(int parallelism, String savepoint) throws IOException {
      String job =
          rest.run(
              jarId,
              MAIN,
              List.of("--config", properties.toString()),
              parallelism,
              savepoint,
              false);
      System.out.printf(
          "  %s: job %s submitted at parallelism %d%s%n",
          name, job, parallelism, savepoint == null ? "" : " from " + savepoint);
      return job;
    }

    /**
     * Runs at {@code parallelism} until more rows are written and a checkpoint completed, then
     * stops with a savepoint; returns its path.
     */
    String runUntilProgressAndStop(int parallelism, String savepoint) throws Exception {
      long rows = intervalRows();
      String job = submit(parallelism, savepoint);
      assertThat(poll(() -> intervalRows() > rows && rest.latestCheckpoint(job) > 0, job))
          .as("progress at parallelism %d", parallelism)
          .isTrue();
      assertThat(rest.parallelism(job)).isEqualTo(parallelism);
      String path = null;
      for (int attempt = 1; path == null; attempt++) {
        // A savepoint needs every task running: not while the job restarts (on a machine this
        // loaded an RPC may time out and restart it, from its checkpoint, as a failure would).
        assertThat(poll(() -> rest.allTasksRunning(job), job)).as("all tasks running").isTrue();
        try {
          path = rest.stopWithSavepoint(job, null, Duration.ofMinutes(2));
        } catch (IOException e) {
          if (attempt == 3 || !e.getMessage().contains("Not all required tasks")) {
            throw e;
          }
          System.out.printf("  %s: the job restarted during the savepoint; again%n", name);
        }
      }
      System.out.printf(
          "  %s: stopped at parallelism %d with savepoint %s (%,d interval rows)%n",
          name, parallelism, path, intervalRows());
      return path;
    }

    long intervalRows() {
      return Long.parseLong(clickhouse.execute("SELECT count() FROM interval_metrics").strip());
    }

    /** Whether every row equals the truth yet (a full comparison: asked every 2 s at most). */
    boolean matchesTruth() throws InterruptedException {
      Thread.sleep(1_500);
      return UnboundedJob.truthMatches(sim, endpoint);
    }

    void assertViewsEqualTheTruth() throws Exception {
      TruthComparison.Report rows = TruthComparison.compare(sim.truth(), endpoint);
      assertThat(rows.differences()).as(rows.summary()).isEmpty();
      assertThat(rows.matched()).isEqualTo(rows.truthRows()).isPositive();
      AnalystViewCheck.Report views = AnalystViewCheck.check(sim.truth(), endpoint);
      assertThat(views.differences()).as(views.summary()).isEmpty();
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Polls until the check holds or the timeout passes; the JobManager dying, or the job failing for
   * good, fails the test.
   */
  private static boolean poll(Check check, String job) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    BooleanSupplier ended =
        () -> {
          try {
            return job != null
                && List.of("FAILED", "FINISHED", "CANCELED").contains(rest.state(job));
          } catch (IOException e) {
            return false;
          }
        };
    while (!check.holds()) {
      cluster.failIfDead();
      if (ended.getAsBoolean()) {
        throw new AssertionError(
            "Job " + job + " ended: " + rest.get("/jobs/" + job + "/exceptions"));
      }
      if (System.nanoTime() > deadline) {
        if (job != null) {
          System.out.printf(
              "  job %s is %s after %s; checkpoints %s; exceptions %s%n",
              job,
              rest.state(job),
              TIMEOUT,
              rest.get("/jobs/" + job + "/checkpoints").path("counts"),
              rest.get("/jobs/" + job + "/exceptions"));
        }
        return false;
      }
      Thread.sleep(500);
    }
    return true;
  }

  private static int freeSlots() throws IOException {
    return rest.overview().path("slots-available").asInt();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          name + " is not set (failsafe sets it in infra/local/pom.xml)");
    }
    return value;
  }
}
