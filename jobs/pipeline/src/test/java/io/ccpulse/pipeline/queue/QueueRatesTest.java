package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ccpulse.pipeline.interval.Thresholds;
import org.junit.jupiter.api.Test;

/** The live rates behind the estimates, and the staffing figure from them, by hand. */
class QueueRatesTest {
  private static final long MIN = 60_000;
  private static final long T0 = 1_767_600_000_000L; // a 10 s boundary

  @Test
  void ratesOverTheWindow() {
    QueueRates r = QueueRates.of(15 * MIN, 10_000);
    r.started("c1", T0, true); // found an agent free
    r.started("c2", T0 + MIN, false);
    r.started("c3", T0 + 2 * MIN, false);
    r.ended("c1", T0 + 5_000, WaitOutcome.ANSWERED, 5_000);
    r.ended("c2", T0 + 3 * MIN, WaitOutcome.ABANDONED, 2 * MIN);
    r.handled(T0 + 4 * MIN, 300_000);
    r.handled(T0 + 5 * MIN, 200_000);
    long now = T0 + 10 * MIN;
    QueueRates.Measured m = r.measure(now, new long[] {T0 + 2 * MIN}); // c3 still waits: 8 min
    assertThat(m.arrived).isEqualTo(3);
    assertThat(m.arrivalsPerMs * MIN).isCloseTo(0.3, within(1e-12)); // 3 over the 10 min seen
    assertThat(m.handleMs).isEqualTo(250_000);
    // One abandon over 5 s + 2 min + 8 min waited.
    assertThat(m.abandonsPerMsWaited).isCloseTo(1.0 / (5_000 + 10 * MIN), within(1e-15));
    assertThat(m.quickWaitMs).isEqualTo(5_000);

    // 20 minutes on, the window (15 min) holds nothing: no arrivals, the handle time is kept.
    QueueRates.Measured later = r.measure(now + 20 * MIN, new long[0]);
    assertThat(later.arrived).isZero();
    assertThat(later.arrivalsPerMs).isZero();
    assertThat(later.handleMs).isEqualTo(250_000);
    // Over a full window the span is its 89 full buckets and the one in progress.
    r.started("c4", now + 20 * MIN, false);
    assertThat(r.measure(now + 20 * MIN, new long[0]).arrivalsPerMs * 890_000)
        .isCloseTo(1, within(1e-12));
  }

  @Test
  void staffingIsErlangAInAgents() {
    QueueRates r = QueueRates.of(15 * MIN, 10_000);
    QueueRates.Measured m = new QueueRates.Measured();
    m.arrivalsPerMs = 2.4 / MIN;
    m.handleMs = 240_000;
    m.abandonsPerMsWaited = 0.5 / MIN;
    Thresholds th = new Thresholds(20_000, 5_000);
    AgentStatus[] voice = {AgentStatus.of(true, false, 1, 1)};
    int servers = ErlangA.requiredServers(2.4 / 60, 0.25 / 60, 0.5 / 60, 20, 5, 0.8);
    assertThat(StaffingGap.requiredAgents(r, m, voice, 0.8, th, true))
        .isEqualTo(servers)
        .isEqualTo(12);
    // Chat agents take 3 at once: 12 slots are 4 agents.
    AgentStatus[] chat = {AgentStatus.of(true, false, 0, 3), AgentStatus.of(false, false, 0, 3)};
    assertThat(StaffingGap.requiredAgents(r, m, chat, 0.8, th, true)).isEqualTo(4);
    // The same inputs again come from the cache; a real change is computed again.
    m.arrivalsPerMs = 3.0 / MIN;
    assertThat(StaffingGap.requiredAgents(r, m, voice, 0.8, th, true))
        .isEqualTo(ErlangA.requiredServers(3.0 / 60, 0.25 / 60, 0.5 / 60, 20, 5, 0.8))
        .isEqualTo(14);
    assertThat(StaffingGap.requiredAgents(r, m, voice, Double.NaN, th, true)).isEqualTo(-1);
    m.arrivalsPerMs = 0;
    assertThat(StaffingGap.requiredAgents(r, m, voice, 0.8, th, true)).isZero();
    m.handleMs = -1;
    assertThat(StaffingGap.requiredAgents(r, m, voice, 0.8, th, true)).isEqualTo(-1);
  }

  /**
   * Between two steps (an input's moment, where only alerts are judged) the last step's servers
   * count, with the agents' capacity as it is then; the next step computes them anew. The first
   * figure of a queue is computed wherever it is asked.
   */
  @Test
  void staffingIsComputedAtSteps() {
    QueueRates r = QueueRates.of(15 * MIN, 10_000);
    QueueRates.Measured m = new QueueRates.Measured();
    m.arrivalsPerMs = 2.4 / MIN;
    m.handleMs = 240_000;
    m.abandonsPerMsWaited = 0.5 / MIN;
    Thresholds th = new Thresholds(20_000, 5_000);
    AgentStatus[] voice = {AgentStatus.of(true, false, 1, 1)};
    AgentStatus[] chat = {AgentStatus.of(true, false, 0, 3)};
    assertThat(StaffingGap.requiredAgents(r, m, voice, 0.8, th, false)).isEqualTo(12);
    m.arrivalsPerMs = 3.0 / MIN; // 14 agents' worth
    assertThat(StaffingGap.requiredAgents(r, m, voice, 0.8, th, false))
        .as("between steps: the last figure")
        .isEqualTo(12);
    assertThat(StaffingGap.requiredAgents(r, m, chat, 0.8, th, false))
        .as("its servers, this moment's capacity")
        .isEqualTo(4);
    assertThat(StaffingGap.requiredAgents(r, m, voice, 0.8, th, true)).as("a step").isEqualTo(14);
  }
}
