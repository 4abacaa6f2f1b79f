package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.options.CommandLine;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.simulator.cli.ImportMain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code make replay}: history (JSON lines, as {@code make import} takes it) imported into fresh
 * topics, the job run bounded over them into a ClickHouse database (created and migrated if new),
 * and the same summary as {@code make run}, ending with the database to query. Exit status: 0 done,
 * 1 the job or the stack failed, 2 bad usage, 3 a view differs from {@code --compare-with}'s, 4
 * refused (events before the tables' retention).
 */
public final class ReplayMain {
  static final String HELP =
      """
      Usage: make replay ARGS="--input FILE [--partitions N] [--database NAME] [options]"

      Imports history (JSON lines, as make import) into fresh topics on the local stack, runs the
      job bounded over them into a ClickHouse database (created and migrated if new), showing
      progress, and prints what it computed, ending with the database to query.

        --input FILE              the JSON-lines file (required)
        --partitions N            partitions of the fresh topics (default 4); the result does not
                                  depend on it
        --database NAME           the ClickHouse database (default replay_<UTC date and time>)
        --order event-time|as-given   as for make import (default event-time)
        --set name=value          a migration placeholder for a new database, e.g. a TTL that keeps
                                  old history: --set interval_ttl_days=9000 (repeatable)
        --accept-retention-loss   replay even events the tables' TTL deletes at once
        --compare-with NAME       then compare every analyst view's checksum with database NAME
                                  (a replay of the same history on other partitions, say)
        --key value               any job setting (ccpulse-defaults.properties)

      Exit status: 0 done, 1 failed (the job, the stack), 2 bad usage, 3 a view differs from
      --compare-with's database, 4 refused (events before the tables' retention; nothing
      published).
      """;

  private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private ReplayMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /** The command line, read: the job's settings are what no other option took. */
  private record Options(
      String input,
      int partitions,
      String database,
      String compareWith,
      List<String> importArgs,
      Map<String, String> placeholders,
      PipelineConfig job) {}

  static Options read(String[] args) {
    CommandLine options = CommandLine.parse(args, Set.of(ImportMain.ACCEPT_LOSS));
    String input = options.required("input");
    int partitions = options.positiveInt("partitions", 4);
    String database =
        options.value(
            "database",
            "replay_"
                + LocalDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")));
    String compareWith = options.value("compare-with").orElse(null);
    for (String name : new String[] {database, compareWith}) {
      if (name != null && !DATABASE.matcher(name).matches()) {
        throw new CommandLine.UsageException(
            "a database name must be letters, digits and _, not starting with a digit: " + name);
      }
    }
    List<String> importArgs = new ArrayList<>();
    options.value("order").ifPresent(o -> importArgs.addAll(List.of("--order", o)));
    if (options.flag(ImportMain.ACCEPT_LOSS)) {
      importArgs.add("--" + ImportMain.ACCEPT_LOSS);
    }
    Map<String, String> placeholders = new LinkedHashMap<>(options.pairs("set"));
    return new Options(
        input,
        partitions,
        database,
        compareWith,
        importArgs,
        placeholders,
        PipelineConfig.from(options));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (CommandLine.readOrExit(
            "replay", () -> CommandLine.parse(args, Set.of(ImportMain.ACCEPT_LOSS)))
        .help()) {
      out.print(HELP);
      return 0;
    }
    Options o = CommandLine.readOrExit("replay", () -> read(args));
    String input = o.input();
    int partitions = o.partitions();
    String database = o.database();
    Map<String, String> placeholders = o.placeholders();
    List<String> importArgs = o.importArgs();

    Path data = Path.of(".local");
    try (LocalStack stack = LocalStack.startOrAttach(data, out)) {
      ClickHouseEndpoint clickhouse = LocalStack.clickHouse(database);
      boolean exists = databaseExists(clickhouse);
      String prefix = "ccpulse.replay." + database + ".";
      Map<String, String> topics = new LinkedHashMap<>();
      for (String t :
          List.of(
              "interactions",
              "agent-states",
              "surveys",
              "queue-health",
              "queue-alerts",
              "burnout-level-changes")) {
        topics.put("kafka.topic." + t, prefix + t);
      }
      stack.recreateTopics(partitions, topics.values().toArray(String[]::new));

      out.println();
      out.printf(
          "Importing %s into fresh topics (%s*, %d partitions)...%n", input, prefix, partitions);
      List<String> imp =
          new ArrayList<>(
              List.of(
                  "--input", input,
                  "--output", "kafka",
                  "--bootstrap-servers", stack.bootstrapServers(),
                  "--topic-interactions", topics.get("kafka.topic.interactions"),
                  "--topic-agent-states", topics.get("kafka.topic.agent-states"),
                  "--topic-surveys", topics.get("kafka.topic.surveys"),
                  "--partitions", String.valueOf(partitions)));
      imp.addAll(importArgs);
      if (exists) {
        // An existing database keeps the TTLs it was migrated with: judge by those.
        placeholders.putAll(io.ccpulse.clickhouse.TableRetention.placeholders(clickhouse));
      }
      placeholders.forEach((k, v) -> imp.addAll(List.of("--set", k + "=" + v)));
      int imported = ImportMain.run(imp.toArray(String[]::new), System.in, out, out);
      if (imported == 4 || imported == 1 || imported == 2) {
        out.println("Replay stopped: the import did not publish.");
        return imported;
      }
      long events =
          endOffsets(
              stack.bootstrapServers(),
              topics.get("kafka.topic.interactions"),
              topics.get("kafka.topic.agent-states"),
              topics.get("kafka.topic.surveys"));

      out.println();
      if (exists) {
        out.println(
            "Database "
                + database
                + " exists: the replay writes into it (rows are keyed, so a replay of the same history replaces its own)");
        if (!placeholders.isEmpty()) {
          out.println("  (its tables keep the TTLs they were created with)");
        }
      }
      LocalStack.migrate(clickhouse, exists ? Map.of() : placeholders, out);

      Map<String, String> settings = new LinkedHashMap<>(topics);
      settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
      settings.put("kafka.bounded", "true");
      settings.put(
          "kafka.group.id", "ccpulse-replay-" + database + "-" + System.currentTimeMillis());
      settings.put("clickhouse.database", database);
      PipelineConfig config = o.job().with(settings);
      out.println();
      try {
        LocalJob.run(config, events, out);
      } catch (Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        out.println();
        out.println("REPLAY FAILED: the job failed: " + cause);
        out.println("Database " + database + " holds what was written before the failure.");
        return 1;
      }
      RunSummary.print(clickhouse, out);
      RunSummary.printExpired(out);
      ViewChecksums.print(clickhouse, out);
      List<String> differ = List.of();
      if (o.compareWith() != null) {
        differ = ViewChecksums.compare(clickhouse, LocalStack.clickHouse(o.compareWith()), out);
      }
      out.println();
      out.println(
          stack.attached()
              ? "Query further (the stack keeps running in the other terminal):"
              : "Query further (start the stack with `make stack`: the data stays in .local/):");
      RunSummary.printQueryHints(database, out);
      out.println();
      out.println("Replayed into database " + database);
      if (!differ.isEmpty()) {
        return 3;
      }
    }
    return 0;
  }

  private static boolean databaseExists(ClickHouseEndpoint endpoint) throws Exception {
    try (Connection server = endpoint.openServer();
        Statement st = server.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count() FROM system.databases WHERE name = '"
                    + endpoint.database()
                    + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /** Records in the topics: what the bounded job will read. */
  private static long endOffsets(String bootstrap, String... topics) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      long records = 0;
      for (String topic : topics) {
        records += LocalJob.messages(admin, topic);
      }
      return records;
    }
  }
}
