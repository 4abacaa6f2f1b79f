package io.ccpulse.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.simulator.Records;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.CallbackSettings;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.Understaffing;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Understaffing at awkward places keeps every event valid: from the first minute (before anyone
 * logs in), past the window and every shift end, on chat (several contacts at once) and email.
 */
class UnderstaffingEdgesTest {
  private static Simulation run(String understaff, long seed) {
    return run(understaff, seed, CallbackSettings.defaults());
  }

  private static Simulation run(String understaff, long seed, CallbackSettings callbacks) {
    Scenario s =
        Preset.SMALL
            .builder()
            .seed(seed)
            .duration(Duration.ofHours(4))
            .faults(FaultSettings.none())
            .understaffing(Understaffing.parse(understaff))
            .callbacks(callbacks)
            .build();
    return Simulator.run(s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "@0s",
        "t01.voice.sales@3h30m+2h",
        "t01.chat.support@1h+45m",
        "t01.email.backoffice@2h",
        "t01.messaging.support@30m+1h",
        "t01.chat.sales@0s+6h"
      })
  void eventsStayValidAndNobodyOfTheQueueBecomesAvailableInTheStretch(String understaff) {
    for (long seed = 1; seed <= 3; seed++) {
      Simulation sim = run(understaff, seed);
      UnderstaffingReport r = sim.understaffing().orElseThrow();
      List<SpecificRecord> events = Records.decodeAll(sim.records());
      LifecycleChecker checker = new LifecycleChecker();
      events.forEach(checker::accept);
      assertThat(checker.openContacts()).isEmpty();
      assertThat(checker.loggedInAtEnd()).isEmpty();

      Set<String> serving = new HashSet<>();
      for (SpecificRecord e : events) {
        if (e instanceof AgentStateEvent a) {
          if (a.getState() == AgentState.LOGGED_IN && a.getQueueIds().contains(r.queueId())) {
            serving.add(a.getAgentId());
          }
          long t = a.getOccurredAt().toEpochMilli();
          if (serving.contains(a.getAgentId())
              && t >= r.start().toEpochMilli()
              && t < r.end().toEpochMilli()) {
            assertThat(a.getState())
                .as("%s %s at %s", understaff, a.getAgentId(), a.getOccurredAt())
                .isNotEqualTo(AgentState.AVAILABLE);
          }
        }
      }
      assertThat(r.agentIds()).isNotEmpty().isSubsetOf(serving);
    }
  }

  @Test
  void fromTheFirstMinuteAgentsLogInNotReady() {
    UnderstaffingReport r = run("t01.voice.support@0s", 1).understaffing().orElseThrow();
    assertThat(r.start()).isEqualTo(Preset.SMALL.builder().build().start());
    assertThat(r.allUnavailableAt()).isEqualTo(r.start());
    assertThat(r.firstBackAt()).isEqualTo(r.end());
  }

  @Test
  void pastEveryShiftNobodyComesBack() {
    UnderstaffingReport r =
        run("t01.voice.support@3h+3h", 2, CallbackSettings.defaults().withAcceptShare(0))
            .understaffing()
            .orElseThrow();
    assertThat(r.firstBackAt()).isNull();
    assertThat(r.agentIds()).isNotEmpty();
  }

  /**
   * A callback has no patience to run out: the last agent of the queue, withdrawn past its shift,
   * stays logged in (NOT_READY) while callbacks are owed and dials them once the stretch is over.
   */
  @Test
  void pastEveryShiftTheLastAgentComesBackOnlyForTheCallbacksOwed() {
    Simulation sim = run("t01.voice.support@3h+3h", 2);
    UnderstaffingReport r = sim.understaffing().orElseThrow();
    LifecycleChecker checker = new LifecycleChecker();
    Records.decodeAll(sim.records()).forEach(checker::accept);
    assertThat(checker.openContacts()).isEmpty();
    assertThat(checker.loggedInAtEnd()).isEmpty();
    assertThat(sim.stats().callbacksDialed()).isEqualTo(sim.stats().callbacksRequested());
    if (r.firstBackAt() != null) {
      assertThat(r.firstBackAt()).isAfterOrEqualTo(r.end());
    }
  }

  @Test
  void theSameSeedGivesTheSameBytes() {
    Simulation a = run("t01.chat.support@1h", 5);
    Simulation b = run("t01.chat.support@1h", 5);
    assertThat(b.records()).hasSameSizeAs(a.records());
    for (int i = 0; i < a.records().size(); i++) {
      assertThat(b.records().get(i).value()).isEqualTo(a.records().get(i).value());
    }
    assertThat(b.truth()).isEqualTo(a.truth());
    assertThat(b.understaffing()).isEqualTo(a.understaffing());
  }

  @Test
  void withoutTheOptionThereIsNoReport() {
    assertThat(Simulator.run(Preset.SMALL.scenario(1)).understaffing()).isEmpty();
  }
}
