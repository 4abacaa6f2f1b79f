package io.ccpulse.simulator.bench;

import io.ccpulse.infra.kafka.LocalKafkaBroker;
import io.ccpulse.simulator.SimulationResult;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.faults.StreamFaults;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.FileOutput;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.RecordSink;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Prints how fast the simulator generates events: to files (with and without the ground truth) and
 * to a local Kafka broker started in this JVM. Not a test; run it with
 *
 * <pre>
 * mvn -q -pl infra/simulator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.ccpulse.simulator.bench.SimulatorBenchmark -Dexec.args="files kafka"
 * </pre>
 *
 * Arguments: {@code files}, {@code kafka}, and optionally a preset ({@code large} by default for
 * files, {@code default} for Kafka) as {@code files=PRESET} / {@code kafka=PRESET}. Each runs five
 * rounds in one JVM (the first includes JIT warm-up); on a shared 2-core machine rounds vary a lot,
 * so read the best and the median.
 */
public final class SimulatorBenchmark {
  private static final int ROUNDS = 5;

  private SimulatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "%d cores, max heap %d MiB, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    for (String a : args.length == 0 ? new String[] {"files", "kafka"} : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "files" -> files(Preset.of(kv.length > 1 ? kv[1] : "large"));
        case "kafka" -> kafka(Preset.of(kv.length > 1 ? kv[1] : "default"));
        default -> throw new IllegalArgumentException("unknown benchmark " + a + " (files, kafka)");
      }
    }
  }

  private static void files(Preset preset) throws IOException {
    Scenario s = preset.scenario(1);
    Path dir = Files.createTempDirectory("ccpulse-bench");
    try {
      for (boolean truth : new boolean[] {false, true}) {
        for (int round = 1; round <= ROUNDS; round++) {
          long t0 = System.nanoTime();
          SimulationResult r;
          try (FileOutput out = new FileOutput(dir, TopicNames.defaults())) {
            r = Simulator.run(s, out, truth);
          }
          report(
              "files " + preset.label() + (truth ? " + truth" : "") + " round " + round,
              r,
              System.nanoTime() - t0,
              truth ? r.truth().size() + " truth rows" : "");
        }
      }
    } finally {
      delete(dir);
    }
  }

  private static void kafka(Preset preset) throws Exception {
    Scenario s = preset.scenario(1);
    Path dir = Files.createTempDirectory("ccpulse-bench-kafka");
    try (LocalKafkaBroker broker =
        LocalKafkaBroker.builder().port(0).dataDir(dir).build().start()) {
      for (int round = 1; round <= ROUNDS; round++) {
        TopicNames topics =
            new TopicNames("bench-i-" + round, "bench-a-" + round, "bench-s-" + round);
        for (EventStream e : EventStream.values()) {
          broker.createTopic(topics.of(e), 3);
        }
        long t0 = System.nanoTime();
        SimulationResult r;
        try (RecordSink out = new KafkaOutput(broker.bootstrapServers(), topics)) {
          r = Simulator.run(s, out, false);
        }
        report(
            "kafka " + preset.label() + " round " + round,
            r,
            System.nanoTime() - t0,
            "(acks=all, lz4, 3 partitions)");
      }
    } finally {
      delete(dir);
    }
  }

  private static void report(String what, SimulationResult r, long nanos, String extra) {
    long events = 0;
    long records = 0;
    for (EventStream e : EventStream.values()) {
      StreamFaults f = r.faults().stream(e);
      events += f.events();
      records += f.records();
    }
    double seconds = nanos / 1e9;
    System.out.printf(
        "%-28s %,10d events %,10d records in %6.2f s = %,9.0f events/s %,9.0f records/s %s%n",
        what, events, records, seconds, events / seconds, records / seconds, extra);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
