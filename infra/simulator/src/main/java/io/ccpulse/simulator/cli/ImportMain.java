package io.ccpulse.simulator.cli;

import io.ccpulse.options.CommandLine;
import io.ccpulse.simulator.importer.ImportReport;
import io.ccpulse.simulator.importer.Importer;
import io.ccpulse.simulator.importer.Retention;
import io.ccpulse.simulator.output.DeliveredRecord;
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
import java.time.Clock;
import java.util.LinkedHashMap;
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
      (Avro single-object), keyed like the simulator's, with the event time as record timestamp,
      or "received_at" where a line has it (when the event reached the platform it came from: a
      late event stays late). A bad line is reported on stderr with its line number and skipped.

      Options:
        --input FILE|-                  the JSON-lines file, or - for standard input (required)
        --order event-time|as-given     publish sorted by received_at, else occurred_at (default),
                                        or in file order
        --output kafka|none|DIR         Kafka (default), nowhere (validate only) or a directory of files
        --bootstrap-servers HOSTS       Kafka bootstrap servers (default 127.0.0.1:9092)
        --topic-interactions NAME       interactions topic (default ccpulse.interactions)
        --topic-agent-states NAME       agent-states topic (default ccpulse.agent-states)
        --topic-surveys NAME            surveys topic (default ccpulse.surveys)
        --partitions N                  partitions of topics the importer creates (default 3)
        --set name=value                the retention the ClickHouse tables were migrated with, as
                                        for the migrations (e.g. --set interval_ttl_days=9000);
                                        repeatable; unset ones are the migrations' defaults
        --accept-retention-loss         publish even events the tables' TTL would delete at once
        --help                          this text

      Retention: before publishing, the events that happened before what a table keeps (its TTL,
      counted back from now) are counted per TTL; if there are any, the import says which --set
      values keep them and publishes nothing, unless --accept-retention-loss is given.

      Exit status: 0 all lines published, 3 some lines skipped, 4 refused (events before the
      tables' retention; nothing published), 2 bad usage, 1 failure.

      Example:
        ImportMain --input infra/simulator/examples/history.jsonl --output kafka
      """;

  private ImportMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs with the given streams and returns the exit status. */
  public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    return run(args, stdin, out, err, Clock.systemUTC());
  }

  /** The same, with retention counted back from {@code clock}'s now. */
  public static int run(
      String[] args, InputStream stdin, PrintStream out, PrintStream err, Clock clock) {
    String input;
    Importer.Order order;
    String output;
    String bootstrap;
    TopicNames topics;
    int partitions;
    Map<String, String> ttls = new LinkedHashMap<>();
    boolean acceptLoss;
    Retention retention;
    try {
      CommandLine cl = CommandLine.parse(args, Set.of(ACCEPT_LOSS));
      ttls.putAll(cl.pairs("set"));
      acceptLoss = cl.flag(ACCEPT_LOSS);
      Map<String, String> a = cl.unread();
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
      retention = Retention.of(ttls, clock.instant());
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
        RecordSink sink =
            new OpenedOnUse(() -> Outputs.open(output, bootstrap, topics, partitions))) {
      ImportReport report =
          new Importer()
              .run(in, order, sink, bad -> err.println(input + ": " + bad), retention, acceptLoss);
      if (report.retention().losesAny()) {
        err.print(report.retention().describe());
        if (report.refused()) {
          err.printf(
              "Nothing was published. To keep them, migrate the database with %s (make replay"
                  + " passes --set to a new database's migrations; an existing one needs ALTER TABLE"
                  + " ... MODIFY TTL), and pass the same --set here; or pass --%s to publish anyway.%n",
              report.retention().setArguments(), ACCEPT_LOSS);
          return 4;
        }
        err.printf("Publishing them anyway (--%s).%n", ACCEPT_LOSS);
      }
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

  public static final String ACCEPT_LOSS = "accept-retention-loss";

  /** A sink opened when the first record goes out: a refused import creates no topics. */
  private static final class OpenedOnUse implements RecordSink {
    private final java.util.function.Supplier<RecordSink> open;
    private RecordSink sink;

    OpenedOnUse(java.util.function.Supplier<RecordSink> open) {
      this.open = open;
    }

    @Override
    public void accept(DeliveredRecord record) {
      if (sink == null) {
        sink = open.get();
      }
      sink.accept(record);
    }

    @Override
    public void flush() {
      if (sink != null) {
        sink.flush();
      }
    }

    @Override
    public void close() {
      if (sink != null) {
        sink.close();
      }
    }
  }

  private static BufferedReader reader(String input, InputStream stdin) throws IOException {
    if (input.equals("-")) {
      return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
  }
}
