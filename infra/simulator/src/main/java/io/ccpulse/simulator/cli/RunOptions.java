package io.ccpulse.simulator.cli;

import io.ccpulse.options.CommandLine;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Values;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The simulator's output settings (everything that does not change what is simulated). */
final class RunOptions {
  /** Output keys with their help, in help order. */
  static final Map<String, String[]> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put(
        "output",
        new String[] {
          "kafka|none|DIR|FILE.jsonl",
          "where events go: Kafka, nowhere, a directory of files, or JSON lines for make import and"
              + " make replay (with received_at where delivered late; unreadable and unknown-schema"
              + " records left out) (default kafka)"
        });
    KEYS.put(
        "bootstrap-servers",
        new String[] {"HOSTS", "Kafka bootstrap servers (default 127.0.0.1:9092)"});
    KEYS.put(
        "topic-interactions",
        new String[] {"NAME", "interactions topic (default ccpulse.interactions)"});
    KEYS.put(
        "topic-agent-states",
        new String[] {"NAME", "agent-states topic (default ccpulse.agent-states)"});
    KEYS.put("topic-surveys", new String[] {"NAME", "surveys topic (default ccpulse.surveys)"});
    KEYS.put(
        "partitions", new String[] {"N", "partitions of topics the simulator creates (default 3)"});
    KEYS.put(
        "truth",
        new String[] {"PATH", "write the ground truth here (JSON lines); not computed without it"});
    KEYS.put(
        "fault-summary",
        new String[] {
          "PATH", "write the fault summary here (default: next to --truth, X.faults.json)"
        });
    KEYS.put(
        "speed",
        new String[] {"N", "pace delivery at N x real time (default: as fast as possible)"});
    KEYS.put(
        "progress",
        new String[] {"SECONDS", "progress line interval on stderr, 0 for none (default 5)"});
  }

  String output = "kafka";
  String bootstrapServers = "127.0.0.1:9092";
  TopicNames topics = TopicNames.defaults();
  int partitions = 3;
  Path truth;
  Path faultSummary;
  double speed;
  int progressSeconds = 5;

  /** Takes the output keys out of {@code settings}, leaving the scenario keys. */
  static RunOptions take(Map<String, String> settings) {
    RunOptions o = new RunOptions();
    String interactions = o.topics.interactions();
    String agentStates = o.topics.agentStates();
    String surveys = o.topics.surveys();
    for (String key : KEYS.keySet()) {
      String v = settings.remove(key);
      if (v == null) {
        continue;
      }
      try {
        switch (key) {
          case "output" -> o.output = v;
          case "bootstrap-servers" -> o.bootstrapServers = v;
          case "topic-interactions" -> interactions = v;
          case "topic-agent-states" -> agentStates = v;
          case "topic-surveys" -> surveys = v;
          case "partitions" -> o.partitions = Values.positiveInt(v);
          case "truth" -> o.truth = Path.of(v);
          case "fault-summary" -> o.faultSummary = Path.of(v);
          case "speed" -> o.speed = Values.number(v);
          case "progress" -> o.progressSeconds = Integer.parseInt(v.trim());
          default -> throw new IllegalStateException(key);
        }
      } catch (RuntimeException e) {
        throw new CommandLine.UsageException("--" + key + ": " + e.getMessage());
      }
    }
    o.topics = new TopicNames(interactions, agentStates, surveys);
    if (o.faultSummary == null && o.truth != null) {
      o.faultSummary = sibling(o.truth);
    }
    return o;
  }

  /** {@code out/truth.jsonl} → {@code out/truth.faults.json}. */
  static Path sibling(Path truth) {
    String name = truth.getFileName().toString();
    String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    return truth.resolveSibling(base + ".faults.json");
  }
}
