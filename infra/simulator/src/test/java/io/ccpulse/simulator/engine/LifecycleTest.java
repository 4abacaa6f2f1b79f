package io.ccpulse.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.Records;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every contact's and every agent's events follow the rules of DESIGN.md §1, replayed through
 * {@link LifecycleChecker} over a whole default day: every contact ends, no duration is negative,
 * agents are routed contacts only while available and under capacity.
 */
class LifecycleTest {
  private static List<SpecificRecord> events;
  private static LifecycleChecker checker;
  private static Simulation sim;

  @BeforeAll
  static void simulate() {
    Scenario s = Preset.DEFAULT.builder().seed(11).faults(FaultSettings.none()).build();
    sim = Simulator.run(s);
    events = Records.decodeAll(sim.records());
    checker = new LifecycleChecker();
    events.forEach(checker::accept);
    checker.finish();
  }

  @Test
  void eventsAreInEventTimeOrder() {
    long last = Long.MIN_VALUE;
    for (SpecificRecord e : events) {
      long t = Records.occurredAt(e);
      assertThat(t).isGreaterThanOrEqualTo(last);
      last = t;
    }
  }

  @Test
  void everyContactEnds() {
    assertThat(checker.contacts()).isEqualTo(sim.stats().contacts()).isGreaterThan(5_000);
    assertThat(checker.openContacts()).isEmpty();
    assertThat(checker.completed() + checker.abandoned()).isEqualTo(checker.contacts());
    assertThat(checker.abandoned()).isEqualTo(sim.stats().abandons());
  }

  /**
   * The default day offers voice callers facing a long wait a callback; those who take it are
   * called back, each by one agent whose leg the customer answers, and the contact ends.
   */
  @Test
  void callbacksAreRequestedDialedAndAnswered() {
    assertThat(sim.stats().callbacksOffered()).isGreaterThan(sim.stats().callbacksRequested());
    assertThat(checker.callbacksRequested())
        .isEqualTo(sim.stats().callbacksRequested())
        .isEqualTo(sim.stats().callbacksDialed())
        .isGreaterThan(10);
    assertThat(checker.callbackLegs()).isEqualTo(checker.callbacksRequested());
  }

  @Test
  void noDurationIsNegative() {
    assertThat(checker.negativeDurations()).isZero();
    assertThat(checker.legs()).isEqualTo(sim.stats().legs());
  }

  @Test
  void agentsWorkOnlyWhileLoggedInAvailableAndUnderCapacity() {
    assertThat(checker.maxConcurrentChats()).isBetween(2, 3);
    assertThat(checker.loggedInAtEnd()).isEmpty();
  }

  @Test
  void surveysFollowTheirContact() {
    long surveys = events.stream().filter(e -> e instanceof SurveyEvent).count();
    assertThat(surveys).isEqualTo(sim.stats().surveys()).isGreaterThan(500);
    for (SpecificRecord e : events) {
      if (e instanceof SurveyEvent s) {
        assertThat(s.getCsat()).isBetween(1, 5);
        assertThat(s.getQueueId()).isNotNull();
      }
    }
  }

  @Test
  void agentStatesStartWithLoginAndEndWithLogout() {
    Map<String, AgentState> first = new HashMap<>();
    Map<String, AgentState> last = new HashMap<>();
    for (SpecificRecord e : events) {
      if (e instanceof AgentStateEvent a) {
        first.putIfAbsent(a.getAgentId(), a.getState());
        last.put(a.getAgentId(), a.getState());
        if (a.getState() == AgentState.LOGGED_IN) {
          assertThat(a.getQueueIds()).isNotEmpty();
          assertThat(a.getMaxConcurrentContacts()).isPositive();
        }
      }
    }
    assertThat(first)
        .hasSize(100)
        .allSatisfy((agent, state) -> assertThat(state).isEqualTo(AgentState.LOGGED_IN));
    assertThat(last)
        .allSatisfy((agent, state) -> assertThat(state).isEqualTo(AgentState.LOGGED_OUT));
  }
}
