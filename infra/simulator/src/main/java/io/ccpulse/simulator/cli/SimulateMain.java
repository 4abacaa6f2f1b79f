package io.ccpulse.simulator.cli;

import io.ccpulse.options.CommandLine;
import io.ccpulse.simulator.SimulationResult;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.faults.StreamFaults;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.PacedSink;
import io.ccpulse.simulator.output.ProgressSink;
import io.ccpulse.simulator.output.RecordSink;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.ScenarioKeys;
import io.ccpulse.simulator.truth.TruthFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The simulator's command line; {@code --help} lists every option. */
public final class SimulateMain {
  private SimulateMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs with the given streams and returns the exit status: 0 ok, 1 failed, 2 bad usage. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Scenario scenario;
    RunOptions options;
    try {
      Set<String> flags =
          ScenarioKeys.all().stream()
              .filter(ScenarioKeys.Key::flag)
              .map(ScenarioKeys.Key::name)
              .collect(Collectors.toSet());
      Map<String, String> cli = CommandLine.parse(args, flags).unread();
      if (cli.containsKey("help")) {
        out.print(SimulateHelp.text());
        return 0;
      }
      Map<String, String> settings = new LinkedHashMap<>();
      if (cli.containsKey("scenario")) {
        settings.putAll(Args.file(Path.of(cli.remove("scenario"))));
      }
      settings.putAll(cli);
      options = RunOptions.take(settings);
      String preset = settings.remove("preset");
      Scenario.Builder builder = Preset.of(preset == null ? "default" : preset).builder();
      ScenarioKeys.apply(builder, settings);
      scenario = builder.build();
    } catch (IllegalArgumentException e) {
      err.println("SimulateMain: " + e.getMessage());
      err.println("Try --help.");
      return 2;
    }
    try {
      simulate(scenario, options, err);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("SimulateMain failed: " + e);
      return 1;
    }
  }

  private static void simulate(Scenario scenario, RunOptions o, PrintStream err)
      throws IOException {
    err.println("Simulating " + scenario + " to " + describe(o));
    ProgressSink progress;
    SimulationResult result;
    try (RecordSink output = Outputs.open(o.output, o.bootstrapServers, o.topics, o.partitions)) {
      RecordSink sink = o.speed > 0 ? new PacedSink(output, o.speed, scenario.start()) : output;
      progress =
          new ProgressSink(
              sink,
              err,
              o.progressSeconds > 0 ? o.progressSeconds : Long.MAX_VALUE / 2_000_000_000L);
      result = Simulator.run(scenario, progress, o.truth != null);
    }
    double seconds = progress.elapsedSeconds();
    err.printf(
        "Done: %,d records in %.1f s (%,.0f records/s); %,d contacts, %,d legs, %,d abandoned,"
            + " callbacks %,d offered %,d requested %,d dialed, last event %s%n",
        progress.count(),
        seconds,
        progress.count() / Math.max(seconds, 1e-9),
        result.stats().contacts(),
        result.stats().legs(),
        result.stats().abandons(),
        result.stats().callbacksOffered(),
        result.stats().callbacksRequested(),
        result.stats().callbacksDialed(),
        Instant.ofEpochMilli(result.stats().endMillis()));
    result.understaffing().ifPresent(u -> err.println(u.summary()));
    for (EventStream s : EventStream.values()) {
      StreamFaults f = result.faults().stream(s);
      err.printf(
          "  %-24s %,9d events %,9d records (duplicates %d, delayed %d, too late %d, unreadable %d, unknown schema %d,"
              + " impossible %d)%n",
          o.topics.of(s),
          f.events(),
          f.records(),
          f.duplicates(),
          f.delayed(),
          f.tooLate(),
          f.unreadable(),
          f.unknownSchema(),
          f.impossible());
    }
    if (o.truth != null) {
      TruthFiles.write(result.truth(), o.truth);
      err.printf("Truth: %,d rows in %s%n", result.truth().size(), o.truth);
    }
    if (o.faultSummary != null) {
      Path parent = o.faultSummary.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(o.faultSummary, result.faults().toJson(o.topics), StandardCharsets.UTF_8);
      err.println("Fault summary: " + o.faultSummary);
    }
  }

  private static String describe(RunOptions o) {
    return Outputs.describe(o.output, o.bootstrapServers)
        + (o.speed > 0 ? " at " + o.speed + "x real time" : "");
  }
}
