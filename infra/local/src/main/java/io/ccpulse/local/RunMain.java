package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.TenantTimeZones;
import io.ccpulse.local.report.DayReport;
import io.ccpulse.options.CommandLine;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.SimulationResult;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.output.BadRecord;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.ProgressSink;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.TruthFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code make run}: the local stack, a simulated working day into Kafka, the job in a MiniCluster
 * until the day is processed, then what it computed, read back from ClickHouse and checked against
 * the simulator's ground truth.
 *
 * <p>Options: {@code --preset small|default|large|weeks}, {@code --seed N}, {@code
 * --tenant-time-zone t01=America/New_York} (repeatable: the tenant's days, weeks and months), and
 * any job setting as {@code --key value} (see ccpulse-defaults.properties). Each run starts from a
 * clean slate: it recreates the local topics and the {@code ccpulse} database.
 */
public final class RunMain {
  private static final int PARTITIONS = 4;

  private RunMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    CommandLine options = CommandLine.readOrExit("run", () -> CommandLine.parse(args, Set.of()));
    Preset preset =
        CommandLine.readOrExit("run", () -> Preset.of(options.value("preset", "default")));
    long seed = CommandLine.readOrExit("run", () -> options.longValue("seed", 20260105L));
    TenantTimeZones zones =
        CommandLine.readOrExit("run", () -> TenantTimeZones.of(options.pairs("tenant-time-zone")));
    // Every other option is a job setting: an unknown key fails now.
    PipelineConfig jobConfig = CommandLine.readOrExit("run", () -> PipelineConfig.from(options));
    Path data = Path.of(".local");
    boolean checksPassed;
    try (LocalStack stack = LocalStack.startOrAttach(data, out)) {
      ClickHouseEndpoint clickhouse = LocalStack.clickHouse("ccpulse");
      resetDatabase(clickhouse);
      LocalStack.migrate(clickhouse, out);
      zones.write(clickhouse);
      TopicNames topics = TopicNames.defaults();
      // Interactions and surveys on one partition with per-event watermarks, as before lateness
      // was judged by each partition's clock (docs/metrics.md §10); the verdicts no longer depend
      // on it (make replay and ReplayPartitionsITCase use several partitions and periodic ones).
      stack.recreateTopics(1, topics.interactions(), topics.surveys());
      stack.recreateTopics(PARTITIONS, topics.agentStates());

      PipelineConfig config =
          jobConfig.with(
              Map.of(
                  "kafka.bootstrap.servers",
                  stack.bootstrapServers(),
                  "kafka.bounded",
                  "true",
                  "event-time.watermark-per-event",
                  "true",
                  "kafka.group.id",
                  "ccpulse-local-" + System.currentTimeMillis(),
                  "clickhouse.database",
                  clickhouse.database()));
      // The truth with the job's own settings: a --metrics.* override changes what the truth
      // computes.
      Scenario scenario = TruthForJob.scenario(preset.builder().seed(seed).build(), config);
      out.println();
      out.println("Simulating " + scenario + " into Kafka...");
      SimulationResult simulated;
      List<BadRecord> badRecords;
      long events;
      try (KafkaOutput kafka = new KafkaOutput(stack.bootstrapServers(), topics)) {
        ProgressSink progress = new ProgressSink(kafka, out, 5);
        simulated = Simulator.run(scenario, progress);
        progress.flush();
        badRecords = kafka.badRecords();
        events = progress.count();
        out.printf("Simulated %,d records in %.1f s%n", events, progress.elapsedSeconds());
      }
      Path truthFile = data.resolve("run").resolve("truth.jsonl");
      Files.createDirectories(truthFile.getParent());
      TruthFiles.write(simulated.truth(), truthFile);

      for (String key :
          List.of(
              "kafka.topic.burnout-level-changes",
              "kafka.topic.queue-alerts",
              "kafka.topic.queue-health")) {
        String written =
            config.get(key); // the jobs write burnout level changes, queue alerts and health there
        if (!written.isEmpty()) {
          stack.recreateTopics(PARTITIONS, written);
        }
      }
      out.println();
      LocalJob.run(config, events, out);

      RunSummary.print(clickhouse, out);
      RunSummary.printExpired(out);
      ViewChecksums.print(clickhouse, out); // to compare with a replay of the same day
      if (scenario.rota()) { // the weeks preset: did the baselines find whose work changed?
        WeeksBurnout.read(clickhouse, scenario).print(out);
        WeeksScorecards.read(clickhouse, scenario).print(out);
      }
      Path report = DayReport.write(clickhouse, data.resolve("run").resolve("report.html"));
      out.println();
      out.println("The day as charts (one HTML file, opens offline): " + report.toAbsolutePath());
      TruthComparison.Report check = TruthComparison.compare(simulated.truth(), clickhouse);
      out.println();
      out.printf(
          "Checked against the simulator's ground truth, rows matching exactly: %s%s%n",
          check.summary(), check.allMatch() ? "." : "; differences:");
      check.differences().forEach(d -> out.println("  " + d));
      AnalystViewCheck.Report views = AnalystViewCheck.check(simulated.truth(), zones, clickhouse);
      out.printf(
          "Analysts' rates, days, weeks and months (%s) against the same from the truth's sums: %s%s%n",
          zones, views.summary(), views.allMatch() ? "." : "; differences:");
      views.differences().forEach(d -> out.println("  " + d));
      FaultCheck.Report faults = FaultCheck.check(badRecords, clickhouse);
      out.printf(
          "Bad events injected by the simulator: %,d %s, %s%n",
          faults.expectedTotal(),
          faults.expectedByReason(),
          faults.allAccountedFor()
              ? "every one in rejected_events at its topic, partition and offset under its reason, and nothing else."
              : "but rejected_events differs: " + faults.problems());
      out.println();
      out.println(
          stack.attached()
              ? "Query further (the stack keeps running in the other terminal):"
              : "Query further (the stack stops when this command ends; keep it with `make stack` in another terminal):");
      RunSummary.printQueryHints(clickhouse.database(), out);
      out.println("  the simulator's truth for this run: " + truthFile);
      checksPassed = check.allMatch() && views.allMatch() && faults.allAccountedFor();
      out.println();
      out.println(
          checksPassed
              ? "Checks passed: every row and rate equals the ground truth, every bad event is rejected as injected."
              : "CHECKS FAILED: "
                  + (check.allMatch()
                      ? ""
                      : "rows differ from the ground truth ("
                          + check.differenceCount()
                          + " differences). ")
                  + (views.allMatch()
                      ? ""
                      : "rates or days differ from the truth's ("
                          + views.differenceCount()
                          + " differences). ")
                  + (faults.allAccountedFor()
                      ? ""
                      : "rejected_events differs from the injected faults."));
    }
    if (!checksPassed) {
      System.exit(1); // after the stack has stopped: make and scripts see the failure
    }
  }

  private static void resetDatabase(ClickHouseEndpoint endpoint) throws Exception {
    try (Connection server = endpoint.openServer();
        Statement st = server.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + endpoint.database());
    }
  }
}
