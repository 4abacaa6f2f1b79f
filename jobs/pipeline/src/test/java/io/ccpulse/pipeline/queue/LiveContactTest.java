package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveContactTest {
  private LiveContact contact;
  private final List<QueueSignal> waits = new ArrayList<>();
  private final List<AgentSignal> agents = new ArrayList<>();
  private int n;

  @BeforeEach
  void setUp() {
    contact = null;
  }

  private static long at(String hhmmss) {
    return QueueMonitorTest.at(hhmmss);
  }

  private InteractionEvent event(InteractionType type, String time, String queue, String agent) {
    return InteractionEvent.newBuilder()
        .setEventId("e-" + (++n))
        .setTenantId("acme")
        .setInteractionId("c-1")
        .setChannel(Channel.VOICE)
        .setType(type)
        .setOccurredAt(Instant.ofEpochMilli(at(time)))
        .setQueueId(queue)
        .setAgentId(agent)
        .build();
  }

  private void apply(InteractionEvent e) {
    if (contact == null) {
      contact = LiveContact.of(e);
    }
    contact.apply(e, waits, agents);
  }

  @Test
  void aContactWaitsIsAnsweredAndKeepsItsAgentBusyUntilTheWrapUp() {
    apply(event(InteractionType.QUEUED, "09:00:00", "billing", null));
    apply(event(InteractionType.ANSWERED, "09:00:20", "billing", "a-1"));
    apply(event(InteractionType.TALK_ENDED, "09:03:00", "billing", "a-1"));
    assertThat(agents).extracting(a -> a.contactDelta).containsExactly(1);
    apply(event(InteractionType.WRAPUP_ENDED, "09:04:00", "billing", "a-1"));

    assertThat(waits)
        .extracting(s -> s.kind, s -> s.queueId, s -> s.at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                QueueSignal.Kind.WAIT_STARTED, "billing", at("09:00:00")),
            org.assertj.core.groups.Tuple.tuple(
                QueueSignal.Kind.WAIT_ENDED, "billing", at("09:00:20")),
            org.assertj.core.groups.Tuple.tuple(
                QueueSignal.Kind.HANDLED, "billing", at("09:04:00")));
    assertThat(waits.get(2).handleMs).as("answer to wrap-up end").isEqualTo(220_000);
    assertThat(waits.get(1).outcome).isEqualTo(WaitOutcome.ANSWERED);
    assertThat(waits.get(1).queuedAt).isEqualTo(at("09:00:00"));
    assertThat(agents)
        .extracting(a -> a.agentId, a -> a.contactDelta, a -> a.at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a-1", 1, at("09:00:20")),
            org.assertj.core.groups.Tuple.tuple("a-1", -1, at("09:04:00")));
    assertThat(contact.finished()).isTrue();
  }

  @Test
  void aTransferToAnotherQueueMovesTheWaitAndATransferringAgentStaysBusyUntilTheirWrapUp() {
    apply(event(InteractionType.QUEUED, "09:00:00", "billing", null));
    apply(event(InteractionType.QUEUED, "09:01:00", "sales", null)); // moved on unanswered
    apply(event(InteractionType.ANSWERED, "09:01:30", "sales", "a-1"));
    apply(event(InteractionType.TRANSFERRED, "09:02:00", "sales", "a-1"));
    apply(event(InteractionType.QUEUED, "09:02:00", "support", null));
    apply(event(InteractionType.ABANDONED, "09:05:00", "support", null));

    assertThat(waits)
        .extracting(s -> s.kind + " " + s.queueId + (s.outcome == null ? "" : " " + s.outcome))
        .containsExactly(
            "WAIT_STARTED billing",
            "WAIT_ENDED billing MOVED",
            "WAIT_STARTED sales",
            "WAIT_ENDED sales ANSWERED",
            "WAIT_STARTED support",
            "WAIT_ENDED support ABANDONED");
    assertThat(contact.finished()).as("a-1 has not wrapped up").isFalse();
    // The leg's handle time goes to the queue it was answered from, not the one it moved to.
    apply(event(InteractionType.WRAPUP_ENDED, "09:03:00", "sales", "a-1"));
    QueueSignal handled = waits.get(waits.size() - 1);
    assertThat(handled.kind).isEqualTo(QueueSignal.Kind.HANDLED);
    assertThat(handled.queueId).isEqualTo("sales");
    assertThat(handled.handleMs).isEqualTo(90_000);
  }

  @Test
  void duplicatesAndALateQueuedChangeNothing() {
    InteractionEvent queued = event(InteractionType.QUEUED, "09:00:00", "billing", null);
    apply(queued);
    apply(queued);
    apply(event(InteractionType.ANSWERED, "09:00:20", "billing", "a-1"));
    apply(
        event(
            InteractionType.QUEUED,
            "09:00:10",
            "sales",
            null)); // a straggler from before the answer
    InteractionEvent wrapup = event(InteractionType.WRAPUP_ENDED, "09:04:00", "billing", "a-1");
    apply(wrapup);
    apply(
        event(
            InteractionType.ANSWERED,
            "09:00:20",
            "billing",
            "a-1")); // the answer again, a new id: a replay
    assertThat(waits) // the replayed answer opens no second leg
        .extracting(w -> w.kind)
        .containsExactly(
            QueueSignal.Kind.WAIT_STARTED, QueueSignal.Kind.WAIT_ENDED, QueueSignal.Kind.HANDLED);
    assertThat(agents).extracting(a -> a.contactDelta).containsExactly(1, -1);
    assertThat(contact.finished()).isTrue();
  }

  @Test
  void closingASilentContactEndsItsWaitWithoutAnOutcomeAndFreesItsAgents() {
    apply(event(InteractionType.QUEUED, "09:00:00", "billing", null));
    apply(event(InteractionType.ANSWERED, "09:00:20", "billing", "a-1"));
    apply(
        event(
            InteractionType.QUEUED,
            "09:05:00",
            "sales",
            null)); // a consult: the contact waits again
    contact.close(at("13:05:00"), waits, agents);
    assertThat(waits.get(waits.size() - 1).outcome).isEqualTo(WaitOutcome.CLOSED);
    assertThat(agents).extracting(a -> a.contactDelta).containsExactly(1, -1);
    assertThat(contact.finished()).isTrue();
  }

  @Test
  void aCallbackRequestEndsTheWaitAndIsPendingUntilDialed() {
    apply(event(InteractionType.QUEUED, "09:00:00", "billing", null));
    apply(event(InteractionType.CALLBACK_REQUESTED, "09:01:30", "billing", null));
    assertThat(contact.finished()).isFalse();
    apply(event(InteractionType.CALLBACK_DIALED, "09:20:00", "billing", "a-1"));
    apply(event(InteractionType.ANSWERED, "09:20:10", "billing", "a-1"));
    apply(event(InteractionType.WRAPUP_ENDED, "09:25:00", "billing", "a-1"));

    assertThat(waits)
        .extracting(w -> w.kind + " " + w.queueId + " " + (w.at - at("09:00:00")) + " " + w.outcome)
        .containsExactly(
            "WAIT_STARTED billing 0 null",
            "WAIT_ENDED billing 90000 CALLBACK",
            "CALLBACK_PENDING billing 90000 null",
            "CALLBACK_TAKEN billing 1200000 null");
    assertThat(waits.get(3).queuedAt).isEqualTo(at("09:01:30"));
    assertThat(agents).extracting(a -> a.contactDelta).containsExactly(1, -1);
    assertThat(contact.finished()).isTrue();
  }

  @Test
  void aStragglingRequestAfterTheDialOpensNoCallbackAndClosingEndsAPendingOne() {
    apply(event(InteractionType.QUEUED, "09:00:00", "billing", null));
    apply(event(InteractionType.CALLBACK_DIALED, "09:20:00", "billing", "a-1"));
    apply(event(InteractionType.CALLBACK_REQUESTED, "09:01:30", "billing", null));
    assertThat(waits).extracting(w -> w.kind).doesNotContain(QueueSignal.Kind.CALLBACK_PENDING);

    contact = null;
    waits.clear();
    apply(event(InteractionType.QUEUED, "10:00:00", "billing", null));
    apply(event(InteractionType.CALLBACK_REQUESTED, "10:00:40", "billing", null));
    contact.close(at("14:00:40"), waits, agents);
    assertThat(waits)
        .extracting(w -> w.kind)
        .containsExactly(
            QueueSignal.Kind.WAIT_STARTED,
            QueueSignal.Kind.WAIT_ENDED,
            QueueSignal.Kind.CALLBACK_PENDING,
            QueueSignal.Kind.CALLBACK_TAKEN);
    assertThat(contact.finished()).isTrue();
  }
}
