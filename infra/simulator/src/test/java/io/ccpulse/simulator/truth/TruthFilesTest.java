package io.ccpulse.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.script.WorkedExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthFilesTest {
  @TempDir Path dir;

  @Test
  void writesOneJsonObjectPerRowAndReadsItBack() throws IOException {
    List<TruthRow> rows = Simulator.replay(WorkedExample.day(), TruthSettings.defaults()).truth();
    Path file = dir.resolve("truth.jsonl");
    TruthFiles.write(rows, file);
    assertThat(TruthFiles.read(file)).isEqualTo(rows);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSameSizeAs(rows);
    assertThat(lines)
        .contains(
            "{\"interval_size_s\":900,\"interval_start\":\"2026-01-05T08:30:00Z\",\"kind\":\"AGENT\","
                + "\"tenant_id\":\"t1\",\"agent_id\":\"a2\",\"channel\":\"VOICE\",\"handled\":0,\"talk_ms\":0,\"hold_ms\":0,"
                + "\"acw_ms\":0,\"handle_ms\":0,\"hold_count\":0,\"held_contacts\":0,\"transferred_out\":0,\"callbacks_handled\":0,\"csat_responses\":1,"
                + "\"csat_sum\":5,\"csat_satisfied\":1,\"nps_responses\":1,\"nps_promoters\":1,"
                + "\"nps_detractors\":0}");
    assertThat(lines.get(0)).startsWith("{\"interval_size_s\":60,");
  }
}
