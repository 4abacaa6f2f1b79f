package io.ccpulse.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.Channel;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.script.Script;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Callbacks in the truth, worked by hand (docs/metrics.md §4a). */
class CallbackTruthTest {
  @Test
  void aRequestIsOfferedNotAbandonedAndTheCallbackLegIsHandledWhereItsWrapUpEnds() {
    Script s = Script.on(LocalDate.parse("2026-01-05"));
    s.agent("08:00:00", "t1", "a1", AgentState.LOGGED_IN, "q1");
    s.agent("08:00:00", "t1", "a1", AgentState.AVAILABLE);
    // c1 waits 95 s and asks for a callback (09:01:35, quarter 09:00); a1 dials at 09:20:00
    // (quarter 09:15: callback wait 1105 s), c1 picks up 12 s later, talk 180 s, acw 30 s,
    // wrap-up at 09:23:42.
    s.contact("t1", "c1", Channel.VOICE)
        .queued("09:00:00", "q1")
        .callbackRequested("09:01:35")
        .callbackDialed("09:20:00", "a1")
        .answered("09:20:12", "a1")
        .talkEnded("09:23:12", "a1")
        .wrapupEnded("09:23:42", "a1");
    // c2 answered after 10 s in the same quarter as c1's request.
    s.contact("t1", "c2", Channel.VOICE)
        .queued("09:02:00", "q1")
        .answered("09:02:10", "a1")
        .talkEnded("09:05:00", "a1")
        .wrapupEnded("09:05:10", "a1");
    s.agent("10:00:00", "t1", "a1", AgentState.LOGGED_OUT);
    Simulation sim = Simulator.replay(s, TruthSettings.defaults());

    TruthRow nine = row(sim.truth(), EntityKind.QUEUE, "09:00");
    assertThat(nine.get(Figure.ENTERED)).isEqualTo(2);
    assertThat(nine.get(Figure.OFFERED)).isEqualTo(2); // c1's request and c2's answer
    assertThat(nine.get(Figure.CALLBACKS_REQUESTED)).isEqualTo(1);
    assertThat(nine.get(Figure.ANSWERED)).isEqualTo(1);
    assertThat(nine.get(Figure.ABANDONED)).isZero();
    assertThat(nine.get(Figure.WAIT_ANSWERED_MS)).isEqualTo(10_000); // ASA 10 s: c2 only
    assertThat(nine.get(Figure.ANSWERED_WITHIN_SL)).isEqualTo(1); // service level 1 / 2
    assertThat(nine.get(Figure.HANDLED)).isEqualTo(1);
    assertThat(nine.get(Figure.CALLBACKS_HANDLED)).isZero();

    TruthRow quarterPast = row(sim.truth(), EntityKind.QUEUE, "09:15");
    assertThat(quarterPast.get(Figure.OFFERED)).isZero(); // the callback is not a second wait
    assertThat(quarterPast.get(Figure.CALLBACKS_DIALED)).isEqualTo(1);
    assertThat(quarterPast.get(Figure.CALLBACK_WAIT_MS)).isEqualTo(1_105_000);
    assertThat(quarterPast.get(Figure.HANDLED)).isEqualTo(1);
    assertThat(quarterPast.get(Figure.CALLBACKS_HANDLED)).isEqualTo(1);
    assertThat(quarterPast.get(Figure.TALK_MS)).isEqualTo(180_000);
    assertThat(quarterPast.get(Figure.HANDLE_MS)).isEqualTo(210_000);
    TruthRow agent = row(sim.truth(), EntityKind.AGENT, "09:15");
    assertThat(agent.get(Figure.CALLBACKS_HANDLED)).isEqualTo(1);
    assertThat(agent.get(Figure.CALLBACKS_DIALED)).isZero(); // a queue figure

    assertThat(sim.contactFacts())
        .filteredOn(f -> f.interactionId().equals("c1"))
        .extracting(f -> f.kind() + " " + f.waitMs() + " " + f.agentId() + " " + f.callback())
        .containsExactly(
            "ARRIVED 0 null false",
            "CALLBACK_REQUESTED 95000 null false",
            "CALLBACK_DIALED 1105000 a1 false",
            "LEG 0 a1 true");
  }

  private static TruthRow row(List<TruthRow> rows, EntityKind kind, String quarter) {
    return rows.stream()
        .filter(r -> r.kind() == kind && r.intervalSize().toMinutes() == 15)
        .filter(r -> r.intervalStart().toString().contains("T" + quarter))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " row at " + quarter));
  }
}
