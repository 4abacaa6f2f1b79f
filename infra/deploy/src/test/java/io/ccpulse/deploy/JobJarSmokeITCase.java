package io.ccpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar run as a cluster runs it, outside Maven's classpath: a JVM of its own whose
 * classpath is the job jar and Flink's runtime only (what a Flink distribution's lib/ holds),
 * against the real broker and the embedded ClickHouse. The simulator jar and the migrations run in
 * JVMs of their own too, with the command lines of the compose stack. The ClickHouse password is a
 * file, as on a cluster, and must not show up in anything the job prints.
 */
class JobJarSmokeITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  private static final String SECRET = "smoke-secret-4f1c9e";

  @TempDir Path dir;

  @Test
  void theJobJarProcessesASimulatorRun() throws Exception {
    // As the end-to-end tests: interactions and surveys on one partition, so lateness is judged
    // exactly.
    // Output topics too: every kafka.topic.* key gets a topic of its own.
    Map<String, String> topics = new TreeMap<>();
    for (String key : Project.defaults().keySet()) {
      if (key.startsWith("kafka.topic.")) {
        String stream = key.substring("kafka.topic.".length());
        topics.put(stream, KAFKA.topic(stream, stream.equals("agent-states") ? 2 : 1));
      }
    }
    // Copies, so that a rebuild of the module while this runs cannot change a jar under a running
    // JVM.
    Path jobJar =
        Files.copy(
            Path.of(System.getProperty("ccpulse.job.jar")),
            dir.resolve("ccpulse-pipeline-job.jar"));
    Path simulatorJar =
        Files.copy(
            Path.of(System.getProperty("ccpulse.simulator.jar")), dir.resolve("simulator.jar"));
    Path faultSummary = dir.resolve("faults.json");
    List<String> simulate =
        new ArrayList<>(
            List.of(
                "-jar",
                simulatorJar.toString(),
                "--preset",
                "small",
                "--seed",
                "5",
                "--bootstrap-servers",
                KAFKA.bootstrapServers(),
                "--fault-summary",
                faultSummary.toString(),
                "--progress",
                "0",
                // Every kind of bad event, often enough to occur in a small run.
                "--fault-duplicate",
                "0.02",
                "--fault-unreadable",
                "0.01",
                "--fault-unknown-schema",
                "0.01",
                "--fault-impossible",
                "0.03",
                "--fault-too-late",
                "0.1"));
    for (String stream : List.of("interactions", "agent-states", "surveys")) {
      simulate.addAll(List.of("--topic-" + stream, topics.get(stream)));
    }
    run("simulator", simulate, Duration.ofMinutes(2));

    Path password = Files.writeString(dir.resolve("clickhouse-password"), SECRET);
    String jobClasspath =
        jobJar
            + File.pathSeparator
            + Files.readString(Path.of(System.getProperty("ccpulse.flink.classpath.file"))).strip();
    run(
        "migrate",
        List.of(
            "-cp",
            jobClasspath,
            "io.ccpulse.clickhouse.MigrateMain",
            "--url",
            CLICKHOUSE.serverJdbcUrl(),
            "--database",
            CLICKHOUSE.database()),
        Duration.ofMinutes(2),
        password);

    Path config = dir.resolve("job.properties");
    StringBuilder props =
        new StringBuilder()
            .append("kafka.bootstrap.servers=")
            .append(KAFKA.bootstrapServers())
            .append('\n')
            .append("kafka.group.id=smoke\n")
            .append("event-time.watermark-per-event=true\n")
            .append("clickhouse.url=")
            .append(CLICKHOUSE.serverJdbcUrl())
            .append('\n')
            .append("clickhouse.database=")
            .append(CLICKHOUSE.database())
            .append('\n');
    topics.forEach(
        (stream, topic) ->
            props.append("kafka.topic.").append(stream).append('=').append(topic).append('\n'));
    Files.writeString(config, props.toString());
    Path log4j =
        Files.writeString(
            dir.resolve("log4j2.properties"),
            String.join(
                "\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = out",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{HH:mm:ss} %-5p %c{1} - %m%n",
                ""));
    List<String> job =
        new ArrayList<>(
            Arrays.asList(System.getProperty("ccpulse.jvm.opens").trim().split("\\s+")));
    job.addAll(
        List.of(
            "-Xmx1g",
            "-Dlog4j.configurationFile=" + log4j.toUri(),
            "-cp",
            jobClasspath,
            "io.ccpulse.pipeline.PipelineMain",
            "--config",
            config.toString(),
            "--kafka.bounded",
            "true",
            // The defaults' Flink options (RocksDB, incremental checkpoints) with a checkpoint
            // directory.
            "--flink.parallelism.default",
            "2",
            // A failure ends the run at once instead of restarts until the timeout.
            "--flink.restart-strategy.type",
            "none",
            "--flink.execution.checkpointing.dir",
            dir.resolve("checkpoints").toUri().toString()));
    String output = run("job", job, Duration.ofMinutes(4), password);

    assertThat(output)
        .as("the job's log")
        .contains("EmbeddedRocksDBStateBackend")
        .doesNotContain(SECRET);
    assertThat(
            query(
                "SELECT count() FROM interval_metrics_current WHERE interval_size_s = 900 AND offered > 0"))
        .isGreaterThan(0);
    assertThat(query("SELECT count() FROM agent_time_current")).isGreaterThan(0);
    assertThat(query("SELECT sum(events) FROM ingest_counts FINAL")).isGreaterThan(500);
    assertThat(rejected()).isEqualTo(expectedRejections(faultSummary, topics));
  }

  /** Runs a JVM to its end; fails with the tail of its output on a non-zero exit or a timeout. */
  private String run(String name, List<String> args, Duration timeout, Path... passwordFile)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Path out =
        Files.createDirectories(Path.of("target", "smoke"))
            .resolve(name + ".log"); // kept for a look after a failure
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().remove("CCPULSE_CLICKHOUSE_PASSWORD");
    if (passwordFile.length > 0) {
      builder.environment().put("CCPULSE_CLICKHOUSE_PASSWORD_FILE", passwordFile[0].toString());
    }
    Process process = builder.start();
    boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(out);
    String tail = output.substring(Math.max(0, output.length() - 4000));
    assertThat(done)
        .as("%s finished within %s; its output ends:%n%s", name, timeout, tail)
        .isTrue();
    assertThat(process.exitValue()).as("%s exit status; its output ends:%n%s", name, tail).isZero();
    return output;
  }

  private long query(String sql) {
    String value = CLICKHOUSE.execute(sql).strip();
    return value.isEmpty() ? 0 : Long.parseLong(value);
  }

  /** Rejections found, "topic reason" to count. */
  private Map<String, Long> rejected() {
    Map<String, Long> found = new TreeMap<>();
    for (String line :
        CLICKHOUSE
            .execute(
                "SELECT source_topic, reason, count() FROM rejected_events FINAL GROUP BY 1, 2")
            .strip()
            .split("\n")) {
      if (!line.isBlank()) {
        String[] cols = line.split("\t");
        found.put(cols[0] + " " + cols[1], Long.parseLong(cols[2]));
      }
    }
    return found;
  }

  /** The rejections the simulator's fault summary (JSON) expects, "topic reason" to count. */
  private static Map<String, Long> expectedRejections(Path faultSummary, Map<String, String> topics)
      throws Exception {
    JsonNode summary = new ObjectMapper().readTree(faultSummary.toFile());
    Map<String, Long> expected = new TreeMap<>();
    Set<String> perTopic = new TreeSet<>();
    summary
        .get("topics")
        .fields()
        .forEachRemaining(
            topic -> {
              perTopic.add(topic.getKey());
              topic
                  .getValue()
                  .get("expected_rejected")
                  .fields()
                  .forEachRemaining(
                      reason ->
                          expected.put(
                              topic.getKey() + " " + reason.getKey(),
                              reason.getValue().longValue()));
            });
    assertThat(perTopic)
        .containsExactlyInAnyOrder(
            topics.get("interactions"), topics.get("agent-states"), topics.get("surveys"));
    assertThat(expected.keySet())
        .anyMatch(k -> k.endsWith(" TOO_LATE"))
        .anyMatch(k -> k.endsWith(" UNREADABLE_BYTES"));
    return expected;
  }
}
