package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitEstimateTest {
  private static QueueRates.Measured measured(long handleMs, double abandonsPerMs, double quick) {
    QueueRates.Measured m = new QueueRates.Measured();
    m.handleMs = handleMs;
    m.abandonsPerMsWaited = abandonsPerMs;
    m.quickWaitMs = quick;
    return m;
  }

  private static AgentStatus[] agents(int busy, int free, int capacity) {
    AgentStatus[] a = new AgentStatus[busy + free + 1];
    for (int i = 0; i < busy; i++) {
      a[i] = AgentStatus.of(true, false, capacity, capacity);
    }
    for (int i = busy; i < busy + free; i++) {
      a[i] = AgentStatus.of(true, false, 0, capacity);
    }
    a[busy + free] = AgentStatus.of(false, true, 0, capacity); // on a break: no slot
    return a;
  }

  @Test
  void aFreeAgentMeansTheUsualRoutingDelay() {
    assertThat(WaitEstimate.estimateMs(agents(3, 2, 1), 1, measured(240_000, 0, 4_200)))
        .isEqualTo(4_200);
  }

  @Test
  void everyoneBusyMeansWaitingForSlotsToFree() {
    // 4 agents busy, 2 waiting: the newcomer needs 3 slots to free while those 2 may abandon.
    // Handle time 240 s: each slot frees at 1/240 per s, 4 slots at 1/60; patience 1/120 per s.
    // 60/(1) + 1/(1/60 + 1/120) + 1/(1/60 + 2/120) = 60 + 40 + 30 = 130 s, plus 4.2 s routing.
    long ms = WaitEstimate.estimateMs(agents(4, 0, 1), 2, measured(240_000, 1 / 120_000.0, 4_200));
    assertThat(ms).isEqualTo(134_200);
    // Chat agents of capacity 3, one slot free: of 2 waiting one takes it, one is ahead.
    AgentStatus[] chat = agents(2, 0, 3);
    chat[0] = AgentStatus.of(true, false, 2, 3);
    long chatMs = WaitEstimate.estimateMs(chat, 2, measured(600_000, 0, 0));
    assertThat(chatMs).isEqualTo(200_000); // 6 slots at 1/600 s: 100 s per slot, 2 slots
  }

  @Test
  void noTellingWithNobodyOnQueueOrNoHandleTime() {
    assertThat(WaitEstimate.estimateMs(agents(0, 0, 1), 1, measured(240_000, 0, 0))).isEqualTo(-1);
    assertThat(WaitEstimate.estimateMs(agents(3, 0, 1), 1, measured(-1, 0, 0))).isEqualTo(-1);
  }
}
