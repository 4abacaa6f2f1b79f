package io.ccpulse.local.bench;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.local.CrashTestRunner;
import io.ccpulse.local.FlushEvents;
import io.ccpulse.local.TruthComparison;
import io.ccpulse.local.TruthForJob;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.faults.FuzzedEvent;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.FuzzSettings;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code make bench ARGS="--only faults"}: faults injected for real into running jobs (ClickHouse
 * killed and started again after a while; the jobs' process killed and started again; a fuzz stream
 * of malformed events), then what analysts read compared with the simulator's truth. A row per
 * scenario: events in, truth rows expected, rows lost (missing or unlike the truth), rows doubled
 * (not in the truth, or a key twice in a view), how the live view fared, and how long the figures
 * took to be whole again.
 */
final class FaultsRun {
  private static final Duration TIMEOUT = Duration.ofMinutes(15);

  record Row(
      String scenario,
      long events,
      int rowsExpected,
      int lost,
      long doubled,
      String live,
      String recovery) {
    boolean clean() {
      return lost == 0 && doubled == 0;
    }
  }

  private FaultsRun() {}

  static List<Row> run(BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    for (Duration outage : o.outages) {
      rows.add(clickHouseOutage(stack, base, o, outage, out));
      out.println("  " + rows.get(rows.size() - 1));
    }
    if (o.crashes > 0) {
      rows.add(crashes(stack, base, o, out));
      out.println("  " + rows.get(rows.size() - 1));
    }
    if (o.fuzzEvents > 0) {
      rows.add(fuzz(stack, base, o, out));
      out.println("  " + rows.get(rows.size() - 1));
    }
    return rows;
  }

  /**
   * Both jobs unbounded on a simulated day; ClickHouse killed once the first rows are in, the rest
   * of the day published while it is down, ClickHouse started again after {@code outage}.
   */
  private static Row clickHouseOutage(
      BenchStack stack, PipelineConfig base, BenchOptions o, Duration outage, PrintStream out)
      throws Exception {
    String name = "outage_" + outage.toSeconds() + "s";
    TopicNames topics = stack.createTopics(name);
    ClickHouseEndpoint db = stack.freshDatabase(name);
    PipelineConfig config =
        stack
            .jobConfig(base, topics, db, false)
            .with(Map.of("event-time.watermark-per-event", "true"));
    // No too-late contacts: read at full speed from several partitions, whether an event is too
    // late
    // would depend on how the partitions' reads interleave, not on the data.
    Scenario scenario =
        TruthForJob.scenario(
            o.faultsPreset
                .builder()
                .seed(o.seed)
                .faults(FaultSettings.defaults().withTooLate(0, Duration.ofMinutes(5), null))
                .build(),
            config);
    Simulation sim = Simulator.run(scenario);
    List<DeliveredRecord> records = sim.records();
    int half = records.size() / 2;
    out.printf(
        "%nClickHouse down %s: %s, %,d records; the first half published, both jobs started%n",
        outage, scenario, records.size());
    publish(stack, topics, records.subList(0, half));
    JobID live = stack.submit(stack.graph(config, "ccpulse bench " + name + " live", true));
    JobID metrics = stack.submit(stack.graph(config, "ccpulse bench " + name + " metrics", false));
    try {
      await(() -> count(db, "SELECT count() FROM interval_metrics") > 0, "the first rows");
      stack.killClickHouse();
      long downAt = System.nanoTime();
      out.printf(
          "ClickHouse killed; publishing the second half and the events that close the day%n");
      publish(stack, topics, records.subList(half, records.size()));
      FlushEvents.publish(
          producer(stack),
          topics,
          stack.partitions(),
          scenario.start().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1));
      long lastEvent =
          records.stream().mapToLong(DeliveredRecord::occurredAtMillis).max().orElseThrow();
      // The live view with ClickHouse down: when its snapshots reach the day's last event (a
      // snapshot
      // every cadence step of event time; the flush events carry its clock past the end).
      double liveCaughtUp = Double.NaN;
      try (HealthReader health =
          new HealthReader(stack.bootstrapServers(), config.get("kafka.topic.queue-health"))) {
        while ((System.nanoTime() - downAt) < outage.toNanos() && Double.isNaN(liveCaughtUp)) {
          if (health.latestAt() >= lastEvent) {
            liveCaughtUp = (System.nanoTime() - downAt) / 1e9;
          }
        }
      }
      long left = outage.toNanos() - (System.nanoTime() - downAt);
      if (left > 0) {
        Thread.sleep(left / 1_000_000);
      }
      if (stack.restarted(live) || stack.restarted(metrics)) {
        throw new IllegalStateException(
            "a job failed over during the outage; it should have waited");
      }
      stack.startClickHouse();
      long upAt = System.nanoTime();
      double downFor = (upAt - downAt) / 1e9;
      out.printf("ClickHouse started again after %.0f s; waiting for every row%n", downFor);
      boolean whole = await(() -> matches(sim, db), "every row equal to the truth");
      double recovered = (System.nanoTime() - upAt) / 1e9;
      TruthComparison.Report report = TruthComparison.compare(sim.truth(), db);
      out.printf("  %s%n", report.summary());
      String liveText =
          Double.isNaN(liveCaughtUp)
              ? "live view NOT caught up while ClickHouse was down"
              : String.format(
                  "live view at the day's last event %.1f s after the kill (ClickHouse still down)",
                  liveCaughtUp);
      return new Row(
          "ClickHouse down " + Figures.seconds(Math.round(downFor * 1000)),
          records.size(),
          report.truthRows(),
          report.truthRows() - report.matched(),
          report.notInTruth() + keysTwice(db),
          liveText,
          whole
              ? String.format("%.1f s from ClickHouse back to every row", recovered)
              : "not whole within " + TIMEOUT);
    } finally {
      stack.cancel(live);
      stack.cancel(metrics);
    }
  }

  /**
   * Both jobs in a process of their own ({@link CrashTestRunner}: checkpoints every 2 s, resumes
   * from the latest), killed with SIGKILL {@code o.crashes} times while they work through a day,
   * started again after each; then what analysts read against the truth.
   */
  private static Row crashes(BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out)
      throws Exception {
    String name = "crash_" + o.crashes;
    TopicNames topics = stack.createTopics(name);
    ClickHouseEndpoint db = stack.freshDatabase(name);
    PipelineConfig config =
        stack
            .jobConfig(base, topics, db, false)
            .with(
                Map.of(
                    "event-time.watermark-per-event", "true",
                    "flink.execution.checkpointing.interval", "2s",
                    "flink.execution.checkpointing.min-pause", "500ms",
                    "flink.state.backend.type",
                        "hashmap")); // RocksDB is the cluster's (flink-dist), not on this classpath
    Scenario scenario =
        TruthForJob.scenario(
            o.crashPreset
                .builder()
                .seed(o.seed)
                .faults(FaultSettings.defaults().withTooLate(0, Duration.ofMinutes(5), null))
                .build(),
            config);
    Simulation sim = Simulator.run(scenario);
    out.printf(
        "%nCrashes: %s, %,d records published (the events that close the day after the last start);"
            + " both jobs in a process of their own, killed %d times%n",
        scenario, sim.records().size(), o.crashes);
    publish(stack, topics, sim.records());
    java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("ccpulse-bench-crash");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(
        java.lang.management.ManagementFactory.getRuntimeMXBean()
            .getInputArguments()); // --add-opens, heap
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            CrashTestRunner.class.getName(),
            "--checkpoints",
            checkpoints.toString()));
    config.withPrefix("").forEach((k, v) -> command.addAll(List.of("--" + k, v)));
    Process runner = null;
    long t0 = System.nanoTime();
    try {
      // Killed each time once it has written a further share of the day's rows (rows written again
      // after a restore count too), one second later each time.
      long step = sim.truth().size() / (4L * (o.crashes + 1));
      for (int kill = 1; kill <= o.crashes; kill++) {
        runner = start(command, checkpoints);
        long rowsBefore =
            count(db, "SELECT count() FROM interval_metrics")
                + count(db, "SELECT count() FROM agent_time");
        // At most 30 s: once the day is through, a restored job writes little that is new.
        await(
            () ->
                count(db, "SELECT count() FROM interval_metrics")
                        + count(db, "SELECT count() FROM agent_time")
                    > rowsBefore + step,
            "rows written",
            1_000,
            Duration.ofSeconds(30));
        Thread.sleep(1_000L * kill);
        runner.destroyForcibly().waitFor();
        out.printf(
            "  kill %d at %.0f s (exit %d), %,d interval and agent-time rows written so far (truth: %,d)%n",
            kill,
            (System.nanoTime() - t0) / 1e9,
            runner.exitValue(),
            count(db, "SELECT count() FROM interval_metrics")
                + count(db, "SELECT count() FROM agent_time"),
            sim.truth().size());
      }
      runner = start(command, checkpoints);
      long lastStart = System.nanoTime();
      // Only now the events that close the day: a checkpoint keeps no watermark, so a job restored
      // after it had read them would wait for event time to move again, forever on a finished day.
      FlushEvents.publish(
          producer(stack),
          topics,
          stack.partitions(),
          scenario.start().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1));
      // A large day's comparison reads every row: every 10 s, not every second.
      boolean whole = await(() -> matches(sim, db), "every row equal to the truth", 10_000);
      TruthComparison.Report report = TruthComparison.compare(sim.truth(), db);
      out.printf("  %s%n", report.summary());
      return new Row(
          String.format("SIGKILL x%d, %s day", o.crashes, o.crashPreset.label()),
          sim.records().size(),
          report.truthRows(),
          report.truthRows() - report.matched(),
          report.notInTruth() + keysTwice(db),
          "(figures only; the alerts after a crash: CrashRestartITCase)",
          whole
              ? String.format(
                  "%.1f s from the last restart to every row",
                  (System.nanoTime() - lastStart) / 1e9)
              : "not whole within " + TIMEOUT);
    } finally {
      if (runner != null) {
        runner.destroyForcibly().waitFor();
      }
    }
  }

  /** The runner started again; its output goes to a log beside its checkpoints. */
  private static Process start(List<String> command, java.nio.file.Path checkpoints)
      throws java.io.IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(checkpoints.resolve("runner.log").toFile()))
        .start();
  }

  /**
   * A simulated day with a fuzz stream of malformed events of every kind mixed in, replayed bounded
   * (live job, then metrics job) with restarts off: the job never stops, every bad event is
   * rejected under its reason, and every good figure equals the truth.
   */
  private static Row fuzz(BenchStack stack, PipelineConfig base, BenchOptions o, PrintStream out)
      throws Exception {
    String name = "fuzz_" + o.fuzzEvents;
    // Replayed as make run replays (contacts on one partition, per-event watermarks), so the day's
    // too-late events are judged as simulated: what differs from the truth is the fuzz's doing.
    TopicNames topics = stack.createTopics(name, 1);
    ClickHouseEndpoint db = stack.freshDatabase(name);
    // A contact span shorter than the day (and longer than any real contact), so the fuzz can
    // stretch
    // a contact past it; the job is told the same limits.
    Duration span = o.faultsPreset.builder().build().duration().multipliedBy(4).dividedBy(5);
    FuzzSettings fuzz =
        FuzzSettings.of(o.fuzzEvents)
            .withTenantsListed(true)
            .withContactLimits(FuzzSettings.DEFAULT_MAX_CONTACT_EVENTS, span);
    Scenario planned =
        o.faultsPreset
            .builder()
            .seed(o.seed)
            .faults(FaultSettings.defaults().withFuzz(fuzz))
            .build();
    PipelineConfig config =
        stack
            .jobConfig(base, topics, db, true)
            .with(
                Map.of(
                    "event-time.watermark-per-event",
                    "true",
                    "input.tenants",
                    String.join(",", LayoutFactory.build(planned).tenantIds()),
                    "input.max-contact-span",
                    span.toMinutes() + "min",
                    "flink.restart-strategy.type",
                    "none"));
    Scenario scenario = TruthForJob.scenario(planned, config);
    Simulation sim = Simulator.run(scenario);
    out.printf(
        "%nFuzz: %s, %,d records with %,d malformed events mixed in (interactions and surveys on one partition)%n",
        scenario, sim.records().size(), sim.faults().fuzzed().size());
    publish(stack, topics, sim.records());
    long t0 = System.nanoTime();
    for (boolean live : new boolean[] {true, false}) {
      JobID job =
          stack.submit(
              stack.graph(config, "ccpulse bench " + name + (live ? " live" : " metrics"), live));
      stack
          .flink()
          .requestJobResult(job)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .toJobExecutionResult(FaultsRun.class.getClassLoader()); // throws if it failed
      if (stack.restarted(job)) {
        throw new IllegalStateException("the job failed over on the fuzz stream");
      }
    }
    TruthComparison.Report report = TruthComparison.compare(sim.truth(), db);
    out.printf("  %s%n", report.summary());
    Set<String> rejected = new HashSet<>();
    try (Connection conn = db.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT event_id, reason FROM rejected_events FINAL WHERE startsWith(event_id, 'evz-')")) {
      while (rs.next()) {
        rejected.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    List<FuzzedEvent> fuzzed = sim.faults().fuzzed();
    List<FuzzedEvent> notAsExpected =
        fuzzed.stream().filter(f -> !rejected.contains(f.eventId() + " " + f.reason())).toList();
    long rejectedAsExpected = fuzzed.size() - notAsExpected.size();
    if (!notAsExpected.isEmpty()) {
      out.printf(
          "  not rejected under their reason: %,d, by reason: %s; the first: %s%n",
          notAsExpected.size(),
          notAsExpected.stream()
              .collect(
                  java.util.stream.Collectors.groupingBy(
                      FuzzedEvent::reason,
                      java.util.TreeMap::new,
                      java.util.stream.Collectors.counting())),
          notAsExpected.get(0));
    }
    return new Row(
        String.format("fuzz, %,d malformed events", fuzzed.size()),
        sim.records().size(),
        report.truthRows(),
        report.truthRows() - report.matched() + (int) (fuzzed.size() - rejectedAsExpected),
        report.notInTruth() + keysTwice(db),
        String.format(
            "%,d of %,d malformed events rejected under their reason, no restart",
            rejectedAsExpected, fuzzed.size()),
        String.format("%.1f s for both jobs", (System.nanoTime() - t0) / 1e9));
  }

  /**
   * Rows that show up twice under one key in the analysts' views (a double that FINAL did not
   * collapse).
   */
  private static long keysTwice(ClickHouseEndpoint db) {
    return count(
        db,
        "SELECT (SELECT count() - uniqExact(entity_kind, tenant_id, entity_id, channel, interval_size_s,"
            + " interval_start) FROM interval_metrics_current) + (SELECT count() - uniqExact(tenant_id, agent_id,"
            + " interval_size_s, interval_start) FROM agent_time_current)");
  }

  private static boolean matches(Simulation sim, ClickHouseEndpoint db) {
    try {
      return TruthComparison.compare(sim.truth(), db).allMatch();
    } catch (Exception e) {
      return false; // ClickHouse still coming up
    }
  }

  private static long count(ClickHouseEndpoint db, String sql) {
    try (Connection conn = db.open();
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      return -1;
    }
  }

  private static boolean await(BooleanSupplier condition, String what) throws InterruptedException {
    return await(condition, what, 1_000);
  }

  private static boolean await(BooleanSupplier condition, String what, long periodMs)
      throws InterruptedException {
    return await(condition, what, periodMs, TIMEOUT);
  }

  private static boolean await(
      BooleanSupplier condition, String what, long periodMs, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(periodMs);
    }
    return true;
  }

  private static void publish(BenchStack stack, TopicNames topics, List<DeliveredRecord> records) {
    try (KafkaOutput kafka = new KafkaOutput(stack.bootstrapServers(), topics)) {
      records.forEach(kafka::accept);
    }
  }

  private static Properties producer(BenchStack stack) {
    Properties p = new Properties();
    p.put("bootstrap.servers", stack.bootstrapServers());
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    return p;
  }

  /** Follows the queue-health topic: the latest snapshot time of a real tenant seen so far. */
  private static final class HealthReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private long latestAt = Long.MIN_VALUE;

    HealthReader(String bootstrap, String topic) {
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      p.put("key.deserializer", ByteArrayDeserializer.class.getName());
      p.put("value.deserializer", ByteArrayDeserializer.class.getName());
      consumer = new KafkaConsumer<>(p);
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    long latestAt() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        if (!new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)
            .startsWith(FlushEvents.TENANT + "/")) {
          latestAt =
              Math.max(latestAt, r.timestamp()); // the record timestamp is the snapshot's time
        }
      }
      return latestAt;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
