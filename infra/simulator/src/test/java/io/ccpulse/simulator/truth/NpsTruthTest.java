package io.ccpulse.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.script.Script;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NPS in the truth, by hand (docs/metrics.md §5): the boundaries of promoters and detractors. */
class NpsTruthTest {
  @Test
  void nineAndTenPromoteZeroToSixDetractAndASurveyThatDidNotAskIsNone() {
    Script s = Script.on(LocalDate.parse("2026-01-05"));
    Integer[] scores = {0, 6, 7, 8, 9, 10, null};
    for (int i = 0; i < scores.length; i++) {
      s.survey("09:0" + i + ":00", "t1", "c" + i, Channel.CHAT, "a1", "q1", 4, scores[i]);
    }
    List<TruthRow> rows = Simulator.replay(s, TruthSettings.defaults()).truth();
    List<TruthRow> quarter =
        rows.stream()
            .filter(r -> r.intervalSize().toMinutes() == 15)
            .filter(r -> r.kind() != EntityKind.AGENT_TIME)
            .toList();
    assertThat(quarter).extracting(TruthRow::kind).hasSize(3); // agent, queue, tenant×channel
    for (TruthRow r : quarter) {
      assertThat(r.get(Figure.CSAT_RESPONSES)).isEqualTo(7);
      assertThat(r.get(Figure.NPS_RESPONSES)).isEqualTo(6);
      assertThat(r.get(Figure.NPS_PROMOTERS)).isEqualTo(2);
      assertThat(r.get(Figure.NPS_DETRACTORS)).isEqualTo(2); // NPS = 100 * (2 - 2) / 6 = 0
    }
  }
}
