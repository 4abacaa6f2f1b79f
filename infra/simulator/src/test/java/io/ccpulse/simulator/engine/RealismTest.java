package io.ccpulse.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.simulator.Records;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.model.AgentProfile;
import io.ccpulse.simulator.model.CenterLayout;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.LayoutFactory;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthRow;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default day looks like a contact center: the behaviours issue 3 lists are all there, in sane
 * amounts.
 */
class RealismTest {
  private static Scenario scenario;
  private static Simulation sim;
  private static List<SpecificRecord> events;

  @BeforeAll
  static void simulate() {
    scenario = Preset.DEFAULT.builder().seed(4).faults(FaultSettings.none()).build();
    sim = Simulator.run(scenario);
    events = Records.decodeAll(sim.records());
  }

  private static Map<Channel, long[]> totals(Figure... figures) {
    Map<Channel, long[]> m = new EnumMap<>(Channel.class);
    for (TruthRow r : sim.truth()) {
      if (r.kind() == EntityKind.TENANT_CHANNEL && r.intervalSize().toMinutes() == 15) {
        long[] v = m.computeIfAbsent(r.channel(), c -> new long[figures.length]);
        for (int i = 0; i < figures.length; i++) {
          v[i] += r.get(figures[i]);
        }
      }
    }
    return m;
  }

  @Test
  void everyChannelAndQueueHasTraffic() {
    Set<String> queues =
        events.stream()
            .filter(e -> e instanceof InteractionEvent)
            .map(e -> ((InteractionEvent) e).getQueueId())
            .collect(Collectors.toSet());
    assertThat(queues).hasSize(18);
    assertThat(totals(Figure.ENTERED))
        .containsOnlyKeys(Channel.values())
        .allSatisfy((c, v) -> assertThat(v[0]).isGreaterThan(200));
  }

  @Test
  void voiceServiceIsBusyButHealthy() {
    long[] v =
        totals(
                Figure.OFFERED,
                Figure.ABANDONED,
                Figure.SHORT_ABANDONED,
                Figure.ANSWERED_WITHIN_SL,
                Figure.HANDLED,
                Figure.HELD_CONTACTS,
                Figure.TRANSFERRED_OUT)
            .get(Channel.VOICE);
    double abandonRate = (double) (v[1] - v[2]) / (v[0] - v[2]);
    double serviceLevel = (double) v[3] / (v[0] - v[2]);
    assertThat(abandonRate).isBetween(0.01, 0.15);
    assertThat(serviceLevel).isBetween(0.6, 0.98);
    assertThat((double) v[5] / v[4]).as("share of legs with a hold").isBetween(0.1, 0.4);
    assertThat((double) v[6] / v[4]).as("transfer rate").isBetween(0.03, 0.2);
  }

  @Test
  void transfersGoToQueuesAndStraightToAgents() {
    long toQueue = 0;
    long toAgent = 0;
    for (SpecificRecord e : events) {
      if (e instanceof InteractionEvent i && i.getType() == InteractionType.TRANSFERRED) {
        toQueue += i.getTargetQueueId() != null ? 1 : 0;
        toAgent += i.getTargetAgentId() != null ? 1 : 0;
      }
    }
    assertThat(toQueue).isGreaterThan(50);
    assertThat(toAgent).isGreaterThan(10);
  }

  @Test
  void surveysAreMostlyGoodWithSomeBadOnes() {
    Map<Integer, Long> scores =
        events.stream()
            .filter(e -> e instanceof SurveyEvent)
            .collect(
                Collectors.groupingBy(e -> ((SurveyEvent) e).getCsat(), Collectors.counting()));
    long total = scores.values().stream().mapToLong(Long::longValue).sum();
    double mean =
        scores.entrySet().stream().mapToDouble(e -> e.getKey() * e.getValue()).sum() / total;
    assertThat(mean).isBetween(3.3, 4.7);
    assertThat(scores.getOrDefault(1, 0L) + scores.getOrDefault(2, 0L)).isPositive();
  }

  @Test
  void customersComeBack() {
    Map<String, Set<String>> contactsByCustomer = new HashMap<>();
    for (SpecificRecord e : events) {
      if (e instanceof InteractionEvent i) {
        contactsByCustomer
            .computeIfAbsent(i.getCustomerId(), k -> new HashSet<>())
            .add(i.getInteractionId());
      }
    }
    long repeaters = contactsByCustomer.values().stream().filter(s -> s.size() > 1).count();
    assertThat((double) repeaters / contactsByCustomer.size()).isBetween(0.04, 0.3);
    assertThat(sim.stats().repeatContacts()).isPositive();
  }

  @Test
  void agentsTakeBreaksMealsTrainingAndPauses() {
    Map<AgentState, Long> states =
        events.stream()
            .filter(e -> e instanceof AgentStateEvent)
            .collect(
                Collectors.groupingBy(
                    e -> ((AgentStateEvent) e).getState(), Collectors.counting()));
    assertThat(states).containsKeys(AgentState.values());
    assertThat(states.get(AgentState.BREAK)).isGreaterThan(100);
    assertThat(states.get(AgentState.MEAL)).isGreaterThan(50);
  }

  @Test
  void strainedAgentsWorkLongerWithFewerBreaksAndBusier() {
    CenterLayout layout = LayoutFactory.build(scenario);
    Set<String> strained =
        layout.agents().stream()
            .filter(AgentProfile::strained)
            .map(AgentProfile::id)
            .collect(Collectors.toSet());
    assertThat(strained).hasSizeBetween(6, 14);
    Map<String, long[]> time = new HashMap<>();
    for (TruthRow r : sim.truth()) {
      if (r.kind() == EntityKind.AGENT_TIME && r.intervalSize().toMinutes() == 15) {
        long[] v = time.computeIfAbsent(r.agentId(), k -> new long[3]);
        v[0] += r.get(Figure.LOGGED_IN_MS);
        v[1] += r.get(Figure.BUSY_MS);
        v[2] += r.get(Figure.AVAILABLE_IDLE_MS);
      }
    }
    Map<String, Long> pauses =
        events.stream()
            .filter(
                e ->
                    e instanceof AgentStateEvent a
                        && (a.getState() == AgentState.BREAK || a.getState() == AgentState.MEAL))
            .collect(
                Collectors.groupingBy(
                    e -> ((AgentStateEvent) e).getAgentId(), Collectors.counting()));
    double[] s = averages(time, pauses, strained, true);
    double[] n = averages(time, pauses, strained, false);
    assertThat(s[0]).as("logged-in hours").isGreaterThan(n[0] + 1);
    assertThat(s[1]).as("breaks and meals").isLessThan(n[1] - 1);
    assertThat(s[2]).as("occupancy").isGreaterThan(n[2]);
  }

  /** {mean logged-in hours, mean breaks and meals, mean occupancy} of strained or other agents. */
  private static double[] averages(
      Map<String, long[]> time, Map<String, Long> pauses, Set<String> strained, boolean of) {
    double hours = 0;
    double breaks = 0;
    double occupancy = 0;
    int n = 0;
    for (Map.Entry<String, long[]> e : time.entrySet()) {
      if (strained.contains(e.getKey()) == of) {
        long[] v = e.getValue();
        hours += v[0] / 3_600_000.0;
        breaks += pauses.getOrDefault(e.getKey(), 0L);
        occupancy += (double) v[1] / (v[1] + v[2]);
        n++;
      }
    }
    return new double[] {hours / n, breaks / n, occupancy / n};
  }

  @Test
  void trafficFollowsAnIntradayProfile() {
    long[] perHour = new long[10];
    long start = scenario.start().toEpochMilli();
    for (SpecificRecord e : events) {
      if (e instanceof InteractionEvent i && i.getType() == InteractionType.QUEUED) {
        int h = (int) ((i.getOccurredAt().toEpochMilli() - start) / 3_600_000L);
        if (h < 10) {
          perHour[h]++;
        }
      }
    }
    long max = Arrays.stream(perHour).max().orElseThrow();
    assertThat(max).isGreaterThan(perHour[0] * 13 / 10);
  }
}
