package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentPresenceTest {
  private final AgentPresence agent = AgentPresence.of("acme", "a-1");
  private final List<QueueSignal> told = new ArrayList<>();

  private static AgentSignal presence(AgentState state, String time, String... queues) {
    AgentSignal s = new AgentSignal();
    s.tenantId = "acme";
    s.agentId = "a-1";
    s.state = state;
    s.at = QueueMonitorTest.at(time);
    s.queueIds = queues;
    s.capacity = state == AgentState.LOGGED_IN ? 2 : 0;
    return s;
  }

  private List<String> apply(AgentSignal s) {
    told.clear();
    agent.apply(s, told);
    return told.stream().map(q -> q.queueId + "=" + q.status).toList();
  }

  @Test
  void everyQueueServedHearsEachChangeOnce() {
    assertThat(apply(presence(AgentState.LOGGED_IN, "09:00", "billing", "sales")))
        .containsExactly("billing=off-queue 0/2", "sales=off-queue 0/2");
    assertThat(apply(presence(AgentState.AVAILABLE, "09:01")))
        .containsExactly("billing=on-queue 0/2", "sales=on-queue 0/2");
    assertThat(apply(AgentSignal.contact("acme", "a-1", "c-1", +1, QueueMonitorTest.at("09:02"))))
        .containsExactly("billing=on-queue 1/2", "sales=on-queue 1/2");
    assertThat(apply(AgentSignal.contact("acme", "a-1", "c-1", +1, QueueMonitorTest.at("09:02"))))
        .as("a repeat")
        .isEmpty();
    assertThat(apply(presence(AgentState.AVAILABLE, "09:02:30"))).as("no change").isEmpty();
    assertThat(apply(AgentSignal.contact("acme", "a-1", "c-1", -1, QueueMonitorTest.at("09:05"))))
        .containsExactly("billing=on-queue 0/2", "sales=on-queue 0/2");
    assertThat(apply(presence(AgentState.MEAL, "12:00")))
        .containsExactly("billing=break 0/2", "sales=break 0/2");
    assertThat(apply(presence(AgentState.LOGGED_OUT, "17:00")))
        .containsExactly("billing=null", "sales=null");
    assertThat(agent.dormant()).isTrue();
  }

  @Test
  void anOlderPresenceEventDoesNotUndoANewerOne() {
    apply(presence(AgentState.LOGGED_IN, "09:00", "billing"));
    apply(presence(AgentState.BREAK, "10:00"));
    assertThat(apply(presence(AgentState.AVAILABLE, "09:30"))).as("a straggler").isEmpty();
    assertThat(agent.state).isEqualTo(AgentState.BREAK);
  }

  @Test
  void aNewLoginWithOtherQueuesLeavesTheOldOnes() {
    apply(presence(AgentState.LOGGED_IN, "09:00", "billing", "sales"));
    assertThat(apply(presence(AgentState.LOGGED_IN, "13:00", "sales", "support")))
        .containsExactly("billing=null", "support=off-queue 0/2");
  }

  @Test
  void aContactBeforeAnyPresenceIsRememberedButNoQueueIsTold() {
    assertThat(apply(AgentSignal.contact("acme", "a-1", "c-1", +1, QueueMonitorTest.at("09:00"))))
        .isEmpty();
    assertThat(apply(presence(AgentState.LOGGED_IN, "09:01", "billing")))
        .containsExactly("billing=off-queue 1/2");
  }
}
