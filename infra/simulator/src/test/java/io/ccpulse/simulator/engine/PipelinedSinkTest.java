package io.ccpulse.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.faults.FaultInjector;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.MemorySink;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.TruthCalculator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinedSinkTest {
  private static final Scenario SCENARIO = Preset.DEFAULT.scenario(12);

  @Test
  void twoThreadsGiveExactlyWhatOneThreadGives() {
    MemorySink memory = new MemorySink();
    TruthCalculator truth = new TruthCalculator(SCENARIO.truth());
    FaultInjector single = new FaultInjector(SCENARIO, truth, memory);
    single.finish(new Engine(SCENARIO, single).run());

    Simulation piped = Simulator.run(SCENARIO);
    List<DeliveredRecord> a = memory.records();
    List<DeliveredRecord> b = piped.records();
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).value()).isEqualTo(a.get(i).value());
      assertThat(b.get(i).deliveredAtMillis()).isEqualTo(a.get(i).deliveredAtMillis());
      assertThat(b.get(i).fault()).isEqualTo(a.get(i).fault());
    }
    assertThat(piped.truth()).isEqualTo(truth.finish());
  }

  @Test
  void anOutputFailureStopsTheRun() {
    int[] written = {0};
    assertThatThrownBy(
            () ->
                Simulator.run(
                    SCENARIO,
                    r -> {
                      if (++written[0] > 5_000) {
                        throw new UncheckedIOException(new IOException("disk full"));
                      }
                    }))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("disk full");
  }
}
