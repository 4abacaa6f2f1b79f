package io.ccpulse.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.simulator.Records;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.engine.QueueWaits.Wait;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.Understaffing;
import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthRow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default day with {@code t01.voice.support} unstaffed from 10:00 to 10:30 (the default queue,
 * {@code --understaff @2h}), checked from the emitted events alone: its agents leave and come back,
 * its customers wait and abandon meanwhile, and the truth shows it.
 */
class UnderstaffingTest {
  private static final String QUEUE = "t01.voice.support";
  private static final long MINUTE = 60_000;
  private static Simulation sim;
  private static UnderstaffingReport report;
  private static List<SpecificRecord> events;
  private static QueueWaits waits;

  /** The queue's waits on the same day without the understaffing. */
  private static QueueWaits usual;

  private static long start;
  private static long end;

  @BeforeAll
  static void simulate() {
    // Seed 3 drains in about 7 minutes, a typical case (see
    // reportNamesTheQueueTheStretchAndTheAgentsHeld).
    Scenario s =
        Preset.DEFAULT
            .builder()
            .seed(3)
            .faults(FaultSettings.none())
            .understaffing(Understaffing.parse("@2h"))
            .build();
    sim = Simulator.run(s);
    report = sim.understaffing().orElseThrow();
    events = Records.decodeAll(sim.records());
    waits = new QueueWaits(events, QUEUE);
    Simulation withoutIt = Simulator.run(s.toBuilder().understaffing(null).build());
    usual = new QueueWaits(Records.decodeAll(withoutIt.records()), QUEUE);
    start = report.start().toEpochMilli();
    end = report.end().toEpochMilli();
  }

  @Test
  void reportNamesTheQueueTheStretchAndTheAgentsHeld() {
    assertThat(report.tenantId()).isEqualTo("t01");
    assertThat(report.queueId()).isEqualTo(QUEUE);
    assertThat(report.start()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    assertThat(report.end()).isEqualTo(Instant.parse("2026-01-05T10:30:00Z"));
    assertThat(report.agentIds())
        .isEqualTo(new TreeSet<>(servingAgentsLoggedInDuringTheStretch()).stream().toList());
    assertThat(report.agentIds()).hasSizeGreaterThan(5);
    // Busy agents finish their calls first, so the queue is left with no AVAILABLE agent some
    // minutes
    // in: 7 to 27 minutes over seeds 1-12, as talk times have a long tail (seed 2: after the end).
    assertThat(report.allUnavailableAt())
        .isBetween(report.start(), report.start().plus(Duration.ofMinutes(15)));
    assertThat(report.firstBackAt()).isEqualTo(report.end());
  }

  @Test
  void theEventsStayValid() {
    LifecycleChecker checker = new LifecycleChecker();
    events.forEach(checker::accept);
    assertThat(checker.openContacts()).isEmpty();
    assertThat(checker.negativeDurations()).isZero();
    assertThat(checker.loggedInAtEnd()).isEmpty();
  }

  @Test
  void noAgentOfTheQueueIsAvailableDuringTheStretch() {
    Set<String> serving = servingAgents();
    Map<String, AgentState> state = new HashMap<>();
    Map<String, Integer> openLegs = new HashMap<>();
    long emptyFrom = report.allUnavailableAt().toEpochMilli();
    long last = Long.MIN_VALUE;
    for (SpecificRecord e : events) {
      long t = Records.occurredAt(e);
      if (t > last && t >= start + 20_000 && t <= end) {
        // The states held since the previous instant: AVAILABLE only while finishing a contact
        // (past
        // the alert time of contacts routed before the start), and nobody at all once the queue is
        // empty.
        state.forEach(
            (agent, s) ->
                assertThat(s == AgentState.AVAILABLE && openLegs.getOrDefault(agent, 0) == 0)
                    .as("%s idle AVAILABLE at %s", agent, Instant.ofEpochMilli(t))
                    .isFalse());
        if (t > emptyFrom) {
          assertThat(state)
              .as("at %s", Instant.ofEpochMilli(t))
              .doesNotContainValue(AgentState.AVAILABLE);
        }
      }
      if (e instanceof AgentStateEvent a && serving.contains(a.getAgentId())) {
        if (t >= start && t < end) {
          assertThat(a.getState())
              .as("%s at %s", a.getAgentId(), a.getOccurredAt())
              .isNotEqualTo(AgentState.AVAILABLE);
        }
        state.put(a.getAgentId(), a.getState());
      } else if (e instanceof InteractionEvent i && i.getAgentId() != null) {
        int step =
            i.getType() == InteractionType.ANSWERED
                ? 1
                : i.getType() == InteractionType.WRAPUP_ENDED ? -1 : 0;
        openLegs.merge(i.getAgentId(), step, Integer::sum);
      }
      last = t;
    }
    // Only contacts routed before the start are answered (within the alert time); later waits are
    // not.
    assertThat(waits.answeredIn(start + 10_000, end)).isEmpty();
  }

  @Test
  void customersWaitLongerAndAbandonMoreDuringTheStretch() {
    List<Wait> before = waits.queuedIn(start - 60 * MINUTE, start);
    List<Wait> during = waits.queuedIn(start, end);
    assertThat(before).hasSizeGreaterThan(30);
    assertThat(during).hasSizeGreaterThan(15);
    assertThat(QueueWaits.abandonShare(before)).isLessThan(0.2);
    assertThat(QueueWaits.abandonShare(during)).isGreaterThan(0.7);
    assertThat(QueueWaits.meanSeconds(during)).isGreaterThan(QueueWaits.meanSeconds(before) + 45);
    List<Wait> usually = usual.queuedIn(start, end);
    assertThat(QueueWaits.abandonShare(usually)).isLessThan(0.2);
    assertThat(QueueWaits.meanSeconds(during)).isGreaterThan(QueueWaits.meanSeconds(usually) + 45);
  }

  @Test
  void agentsComeBackAndWaitsReturnToNormalAfterTheEnd() {
    Set<String> serving = servingAgents();
    Map<String, AgentState> state = new HashMap<>();
    for (SpecificRecord e : events) {
      if (Records.occurredAt(e) > end + 5 * MINUTE) {
        break;
      }
      if (e instanceof AgentStateEvent a && serving.contains(a.getAgentId())) {
        state.put(a.getAgentId(), a.getState());
      }
    }
    long available = state.values().stream().filter(s -> s == AgentState.AVAILABLE).count();
    assertThat(available)
        .as("agents of the queue AVAILABLE 5 minutes after the end")
        .isGreaterThan(report.agentIds().size() / 2);

    // From 15 minutes after the end, waits are as on the same day without the stretch (the intraday
    // peak makes them longer than in the hour before, either way).
    List<Wait> after = waits.queuedIn(end + 15 * MINUTE, end + 45 * MINUTE);
    List<Wait> usually = usual.queuedIn(end + 15 * MINUTE, end + 45 * MINUTE);
    assertThat(after).hasSizeGreaterThan(30);
    assertThat(QueueWaits.abandonShare(after)).isLessThan(QueueWaits.abandonShare(usually) + 0.15);
    assertThat(QueueWaits.meanSeconds(after))
        .isLessThan(1.5 * QueueWaits.meanSeconds(usually) + 15);
  }

  @Test
  void theTruthShowsTheStretch() {
    long abandonedEvents =
        waits.queuedIn(start - 60 * MINUTE, end + 60 * MINUTE).stream()
            .filter(w -> w.abandoned() && w.endedAt() >= start && w.endedAt() < end)
            .count();
    long[] during = queueTotals(start, end, 1);
    assertThat(during[1])
        .as("abandoned in the truth = ABANDONED events")
        .isEqualTo(abandonedEvents);
    long[] quarterIn = queueTotals(start + 15 * MINUTE, end, 15);
    long[] hourBefore = queueTotals(start - 60 * MINUTE, start, 15);
    assertThat(abandonRate(quarterIn)).isGreaterThan(0.7);
    assertThat(abandonRate(hourBefore)).isLessThan(0.2);
    assertThat(serviceLevel(quarterIn)).isLessThan(0.2);
    assertThat(serviceLevel(hourBefore)).isGreaterThan(0.5);
  }

  /**
   * {offered, abandoned, short abandoned, answered within SL} of the queue's rows of one size in
   * [from, to).
   */
  private static long[] queueTotals(long from, long to, int minutes) {
    long[] v = new long[4];
    for (TruthRow r : sim.truth()) {
      long at = r.intervalStart().toEpochMilli();
      if (r.kind() == EntityKind.QUEUE
          && QUEUE.equals(r.queueId())
          && r.intervalSize().toMinutes() == minutes
          && at >= from
          && at < to) {
        v[0] += r.get(Figure.OFFERED);
        v[1] += r.get(Figure.ABANDONED);
        v[2] += r.get(Figure.SHORT_ABANDONED);
        v[3] += r.get(Figure.ANSWERED_WITHIN_SL);
      }
    }
    return v;
  }

  private static double abandonRate(long[] v) {
    return (double) (v[1] - v[2]) / (v[0] - v[2]);
  }

  private static double serviceLevel(long[] v) {
    return (double) v[3] / (v[0] - v[2]);
  }

  /** Agents whose LOGGED_IN names the queue. */
  private static Set<String> servingAgents() {
    Set<String> out = new HashSet<>();
    for (SpecificRecord e : events) {
      if (e instanceof AgentStateEvent a
          && a.getState() == AgentState.LOGGED_IN
          && a.getQueueIds().contains(QUEUE)) {
        out.add(a.getAgentId());
      }
    }
    return out;
  }

  /** Serving agents logged in at some instant of [start, end). */
  private static Set<String> servingAgentsLoggedInDuringTheStretch() {
    Set<String> serving = servingAgents();
    Set<String> loggedIn = new HashSet<>();
    Set<String> out = new HashSet<>();
    for (SpecificRecord e : events) {
      long t = Records.occurredAt(e);
      if (t >= end) {
        break;
      }
      if (e instanceof AgentStateEvent a && serving.contains(a.getAgentId())) {
        if (a.getState() == AgentState.LOGGED_OUT) {
          loggedIn.remove(a.getAgentId());
          if (t > start) {
            out.add(a.getAgentId());
          }
        } else {
          loggedIn.add(a.getAgentId());
        }
      }
      if (t >= start) {
        out.addAll(loggedIn);
      }
    }
    return out;
  }
}
