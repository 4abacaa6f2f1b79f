package io.ccpulse.simulator.cli;

import io.ccpulse.simulator.output.FileOutput;
import io.ccpulse.simulator.output.JsonLinesOutput;
import io.ccpulse.simulator.output.KafkaOutput;
import io.ccpulse.simulator.output.RecordSink;
import io.ccpulse.simulator.output.TopicNames;
import java.nio.file.Path;
import java.util.Map;

/** Opens the output an {@code --output} value names: {@code kafka}, {@code none} or a directory. */
final class Outputs {
  private Outputs() {}

  static RecordSink open(
      String output, String bootstrapServers, TopicNames topics, int partitions) {
    switch (output) {
      case "kafka" -> {
        KafkaOutput.createTopics(bootstrapServers, topics, partitions, Map.of());
        return new KafkaOutput(bootstrapServers, topics);
      }
      case "none" -> {
        return r -> {};
      }
      default -> {
        if (output.endsWith(".jsonl")) {
          return new JsonLinesOutput(Path.of(output));
        }
        return new FileOutput(Path.of(output), topics);
      }
    }
  }

  static String describe(String output, String bootstrapServers) {
    return switch (output) {
      case "kafka" -> "Kafka at " + bootstrapServers;
      case "none" -> "nowhere";
      default -> output.endsWith(".jsonl") ? "JSON lines in " + output : "files in " + output;
    };
  }
}
