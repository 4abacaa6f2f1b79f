package io.ccpulse.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.json.Json;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.LengthDelimited;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.TruthFiles;
import io.ccpulse.simulator.truth.TruthRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateMainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SimulateMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryOption() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--preset",
            "--output kafka|none|DIR",
            "--truth",
            "--fault-duplicate",
            "--fault-too-late",
            "--lateness",
            "--erlang-a",
            "--lambda",
            "--speed",
            "--intervals",
            "CH.talk-median",
            "--understaff QUEUE@START[+LEN]");
  }

  @Test
  void badUsageExitsWithTwo() {
    assertThat(run("--sede", "1")).isEqualTo(2);
    assertThat(err()).contains("unknown setting 'sede'", "--help");
    assertThat(run("--seed")).isEqualTo(2);
    assertThat(run("--preset", "huge")).isEqualTo(2);
    assertThat(run("seed")).isEqualTo(2);
  }

  @Test
  void writesFilesTruthAndFaultSummary() throws IOException {
    Path events = dir.resolve("events");
    Path truth = dir.resolve("out/truth.jsonl");
    assertThat(
            run(
                "--preset",
                "small",
                "--seed",
                "4",
                "--output",
                events.toString(),
                "--truth",
                truth.toString(),
                "--progress",
                "0"))
        .as(err())
        .isZero();

    Simulation expected = Simulator.run(Preset.SMALL.scenario(4));
    List<byte[]> interactions = LengthDelimited.readAll(events.resolve("ccpulse.interactions"));
    List<byte[]> memory =
        expected.records(EventStream.INTERACTIONS).stream().map(r -> r.value()).toList();
    assertThat(interactions).hasSameSizeAs(memory);
    for (int i = 0; i < memory.size(); i++) {
      assertThat(interactions.get(i)).isEqualTo(memory.get(i));
    }
    assertThat(LengthDelimited.readAll(events.resolve("ccpulse.agent-states"))).isNotEmpty();
    assertThat(LengthDelimited.readAll(events.resolve("ccpulse.surveys"))).isNotEmpty();
    assertThat(TruthFiles.read(truth)).isEqualTo(expected.truth());
    assertThat(
            Json.readObject(Files.readString(dir.resolve("out/truth.faults.json")))
                .get("topics")
                .has("ccpulse.interactions"))
        .isTrue();
    assertThat(err()).contains("Done:", "Truth:", "Fault summary:");
  }

  @Test
  void scenarioFileWithFlagsOnTop() throws IOException {
    Path file = dir.resolve("my.properties");
    Files.writeString(
        file,
        """
        # a short small day
        preset = small
        seed = 5
        duration = 1h
        output = none
        topic-interactions = x.interactions
        """);
    Path truth = dir.resolve("t.jsonl");
    assertThat(run("--scenario", file.toString(), "--seed", "6", "--truth", truth.toString()))
        .as(err())
        .isZero();
    Simulation expected =
        Simulator.run(Preset.SMALL.builder().seed(6).duration(Duration.ofHours(1)).build());
    assertThat(TruthFiles.read(truth)).isEqualTo(expected.truth());
    assertThat(err()).contains("x.interactions");
  }

  @Test
  void understaffPrintsWhatHappened() {
    assertThat(
            run(
                "--preset",
                "small",
                "--output",
                "none",
                "--progress",
                "0",
                "--understaff",
                "t01.chat.support@30m+20m"))
        .as(err())
        .isZero();
    assertThat(err())
        .contains(
            "understaff=t01.chat.support@30m+20m",
            "Understaffed t01.chat.support (t01) from 2026-01-05T09:30:00Z to 2026-01-05T09:50:00Z:");
    assertThat(run("--preset", "small", "--output", "none", "--understaff", "t09.voice.support@1h"))
        .isEqualTo(2);
  }

  @Test
  void erlangAMode() throws IOException {
    Path truth = dir.resolve("erlang.jsonl");
    assertThat(
            run(
                "--erlang-a",
                "--lambda",
                "2/min",
                "--mu",
                "0.5",
                "--theta",
                "1",
                "--agents",
                "5",
                "--duration",
                "2h",
                "--output",
                "none",
                "--truth",
                truth.toString(),
                "--intervals",
                "15min"))
        .as(err())
        .isZero();
    List<TruthRow> rows = TruthFiles.read(truth);
    assertThat(rows).isNotEmpty().allMatch(r -> r.intervalSize().equals(Duration.ofMinutes(15)));
    assertThat(
            rows.stream()
                .filter(r -> r.kind() == EntityKind.QUEUE)
                .map(TruthRow::queueId)
                .distinct())
        .containsExactly("t01.voice.erlang");
    assertThat(
            rows.stream()
                .filter(r -> r.kind() == EntityKind.AGENT_TIME)
                .map(TruthRow::agentId)
                .distinct())
        .hasSize(5);
  }
}
