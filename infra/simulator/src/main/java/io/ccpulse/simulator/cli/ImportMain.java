package io.ccpulse.simulator.cli;

import io.ccpulse.options.CommandLine;
import io.ccpulse.simulator.importer.ImportReport;
import io.ccpulse.simulator.importer.Importer;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.RecordSink;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Values;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Imports history exported from another platform: JSON lines in, validated events out to Kafka or
 * files. {@code --help} describes the options and the format.
 */
public final class ImportMain {
  static final String HELP =
      """
      Usage: ImportMain --input FILE|- [options]

      Reads events as JSON lines (one InteractionEvent, AgentStateEvent or SurveyEvent per line,
      field names as in the Avro schemas, times as ISO-8601 with an offset or epoch milliseconds),
      validates each against the schemas and publishes the good ones in the pipeline's encoding
      (Avro single-object), keyed like the simulator's, with the event time as record timestamp.
      A bad line is reported on stderr with its line number and skipped.

      Options:
        --input FILE|-                  the JSON-lines file, or - for standard input (required)
        --order event-time|as-given     publish sorted by occurred_at (default) or in file order
        --output kafka|none|DIR         Kafka (default), nowhere (validate only) or a directory of files
        --bootstrap-servers HOSTS       Kafka bootstrap servers (default 127.0.0.1:9092)
        --topic-interactions NAME       interactions topic (default ccpulse.interactions)
        --topic-agent-states NAME       agent-states topic (default ccpulse.agent-states)
        --topic-surveys NAME            surveys topic (default ccpulse.surveys)
        --partitions N                  partitions of topics the importer creates (default 3)
        --help                          this text

      Exit status: 0 all lines published, 3 some lines skipped, 2 bad usage, 1 failure.

      Example:
        ImportMain --input infra/simulator/examples/history.jsonl --output kafka
      """;

  private ImportMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs with the given streams and returns the exit status. */
  public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    String input;
    Importer.Order order;
    String output;
    String bootstrap;
    TopicNames topics;
    int partitions;
    try {
      Map<String, String> a = CommandLine.parse(args, Set.of()).unread();
      if (a.containsKey("help")) {
        out.print(HELP);
        return 0;
      }
      input = a.remove("input");
      if (input == null) {
        throw new CommandLine.UsageException("--input is required");
      }
      order = Importer.Order.of(a.getOrDefault("order", "event-time"));
      a.remove("order");
      output = a.getOrDefault("output", "kafka");
      bootstrap = a.getOrDefault("bootstrap-servers", "127.0.0.1:9092");
      TopicNames d = TopicNames.defaults();
      topics =
          new TopicNames(
              a.getOrDefault("topic-interactions", d.interactions()),
              a.getOrDefault("topic-agent-states", d.agentStates()),
              a.getOrDefault("topic-surveys", d.surveys()));
      partitions = Values.positiveInt(a.getOrDefault("partitions", "3"));
      for (String k :
          Set.of(
              "output",
              "bootstrap-servers",
              "topic-interactions",
              "topic-agent-states",
              "topic-surveys",
              "partitions")) {
        a.remove(k);
      }
      if (!a.isEmpty()) {
        throw new CommandLine.UsageException("unknown option --" + a.keySet().iterator().next());
      }
    } catch (IllegalArgumentException e) {
      err.println("ImportMain: " + e.getMessage());
      err.println("Try --help.");
      return 2;
    }
    try (BufferedReader in = reader(input, stdin);
        RecordSink sink = Outputs.open(output, bootstrap, topics, partitions)) {
      ImportReport report =
          new Importer().run(in, order, sink, bad -> err.println(input + ": " + bad));
      err.printf(
          "Imported %,d of %,d events to %s (interactions %,d, agent states %,d, surveys %,d); %,d bad lines skipped%n",
          report.published(),
          report.lines(),
          Outputs.describe(output, bootstrap),
          report.published(EventStream.INTERACTIONS),
          report.published(EventStream.AGENT_STATES),
          report.published(EventStream.SURVEYS),
          report.badLines().size());
      return report.badLines().isEmpty() ? 0 : 3;
    } catch (IOException | RuntimeException e) {
      err.println("ImportMain failed: " + e);
      return 1;
    }
  }

  private static BufferedReader reader(String input, InputStream stdin) throws IOException {
    if (input.equals("-")) {
      return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
  }
}
