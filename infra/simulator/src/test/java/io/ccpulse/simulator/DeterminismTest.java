package io.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.output.FileOutput;
import io.ccpulse.simulator.output.TopicNames;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.TruthFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed and settings give byte-identical event files and truth; another seed does not. */
class DeterminismTest {
  @TempDir Path dir;

  private static final Scenario SCENARIO =
      Preset.SMALL.builder().seed(77).duration(Duration.ofHours(4)).build();

  @Test
  void sameSeedSameBytes() throws IOException {
    Path a = write(SCENARIO, "a");
    Path b = write(SCENARIO, "b");
    for (EventStream s : EventStream.values()) {
      Path fa = FileOutput.file(a, TopicNames.defaults(), s);
      Path fb = FileOutput.file(b, TopicNames.defaults(), s);
      assertThat(Files.size(fa)).as("%s", s).isPositive();
      assertThat(Files.readAllBytes(fb)).as("%s", s).isEqualTo(Files.readAllBytes(fa));
    }
    assertThat(Files.readAllBytes(b.resolve("truth.jsonl")))
        .isEqualTo(Files.readAllBytes(a.resolve("truth.jsonl")));
    assertThat(Files.readString(b.resolve("faults.json")))
        .isEqualTo(Files.readString(a.resolve("faults.json")));
  }

  @Test
  void anotherSeedOtherBytes() throws IOException {
    Path a = write(SCENARIO, "a");
    Path c = write(SCENARIO.toBuilder().seed(78).build(), "c");
    Path fa = FileOutput.file(a, TopicNames.defaults(), EventStream.INTERACTIONS);
    Path fc = FileOutput.file(c, TopicNames.defaults(), EventStream.INTERACTIONS);
    assertThat(Files.readAllBytes(fc)).isNotEqualTo(Files.readAllBytes(fa));
  }

  @Test
  void theDefaultDayIsReproducibleInMemoryToo() {
    Scenario s = Preset.DEFAULT.scenario(3);
    Simulation x = Simulator.run(s);
    Simulation y = Simulator.run(s);
    assertThat(y.records()).hasSameSizeAs(x.records());
    for (int i = 0; i < x.records().size(); i++) {
      assertThat(y.records().get(i).value()).isEqualTo(x.records().get(i).value());
      assertThat(y.records().get(i).deliveredAtMillis())
          .isEqualTo(x.records().get(i).deliveredAtMillis());
    }
    assertThat(y.truth()).isEqualTo(x.truth());
  }

  private Path write(Scenario s, String name) throws IOException {
    Path out = dir.resolve(name);
    SimulationResult r;
    try (FileOutput files = new FileOutput(out, TopicNames.defaults())) {
      r = Simulator.run(s, files);
    }
    TruthFiles.write(r.truth(), out.resolve("truth.jsonl"));
    Files.writeString(out.resolve("faults.json"), r.faults().toJson(TopicNames.defaults()));
    return out;
  }
}
