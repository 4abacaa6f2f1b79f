package io.ccpulse.pipeline.contact;

import static io.ccpulse.pipeline.contact.Steps.at;
import static io.ccpulse.pipeline.contact.Steps.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactTimelineTest {
  private ContactState state;

  /** The facts that count in intervals (leg starts are checked on their own below). */
  private List<ContactFact> run(InteractionEvent... events) throws ImpossibleTransition {
    return all(events).stream().filter(f -> f.kind != FactKind.LEG_STARTED).toList();
  }

  private List<ContactFact> all(InteractionEvent... events) throws ImpossibleTransition {
    List<ContactFact> facts = new ArrayList<>();
    for (InteractionEvent e : events) {
      if (state == null) {
        state = ContactTimeline.start(e);
      }
      facts.addAll(ContactTimeline.apply(state, e));
    }
    return facts;
  }

  @Test
  void everyAnswerStartsALegForTheAgentBusyTime() throws Exception {
    List<ContactFact> facts =
        all(
            at(0).queued("q"),
            at(7).answered("a-1"),
            at(30).transferredToAgent("a-1", "a-2"),
            at(31).answered("a-2"));
    assertThat(facts)
        .filteredOn(f -> f.kind == FactKind.LEG_STARTED)
        .extracting(f -> f.agentId + "@" + (f.at - ms(0)) + " from " + f.queueId)
        .containsExactly("a-1@7000 from q", "a-2@31000 from q");
  }

  @Test
  void aPlainCallWithTwoHolds() throws Exception {
    List<ContactFact> facts =
        run(
            at(0).queued("billing"),
            at(12).answered("a-1"),
            at(60).holdStarted("a-1"),
            at(90).holdEnded("a-1"),
            at(100).holdStarted("a-1"),
            at(110).holdEnded("a-1"),
            at(192).talkEnded("a-1"),
            at(250).wrapupEnded("a-1"));
    assertThat(facts)
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED, FactKind.LEG);
    ContactFact answered = facts.get(1);
    assertThat(answered.queueId).isEqualTo("billing");
    assertThat(answered.waitMs).isEqualTo(12_000);
    assertThat(answered.at).isEqualTo(ms(12));
    ContactFact leg = facts.get(2);
    // connected 12..192 = 180 s, of which 40 s on hold; wrap-up 192..250.
    assertThat(leg.talkMs).isEqualTo(140_000);
    assertThat(leg.holdMs).isEqualTo(40_000);
    assertThat(leg.holdCount).isEqualTo(2);
    assertThat(leg.acwMs).isEqualTo(58_000);
    assertThat(leg.handleMs()).isEqualTo(238_000);
    assertThat(leg.at).isEqualTo(ms(250));
    assertThat(leg.queueId).isEqualTo("billing");
    assertThat(leg.transferred).isFalse();
    assertThat(state.finished()).isTrue();
  }

  @Test
  void aTransferChainAcrossTwoQueues() throws Exception {
    List<ContactFact> facts =
        run(
            at(0).queued("sales"),
            at(5).answered("a-1"),
            at(65).transferredToQueue("a-1", "billing"),
            at(65).queued("billing"),
            at(80).wrapupEnded("a-1"),
            at(95).answered("a-2"),
            at(155).talkEnded("a-2"),
            at(160).wrapupEnded("a-2"));
    assertThat(facts)
        .extracting(f -> f.kind)
        .containsExactly(
            FactKind.ARRIVED,
            FactKind.ANSWERED,
            FactKind.TRANSFERRED_IN,
            FactKind.LEG,
            FactKind.ANSWERED,
            FactKind.LEG);
    ContactFact first = facts.get(3);
    assertThat(first.agentId).isEqualTo("a-1");
    assertThat(first.queueId).isEqualTo("sales");
    assertThat(first.transferred).isTrue();
    assertThat(first.talkMs).isEqualTo(60_000);
    assertThat(first.acwMs).isEqualTo(15_000);
    ContactFact secondWait = facts.get(4);
    assertThat(secondWait.queueId).isEqualTo("billing");
    assertThat(secondWait.waitMs).isEqualTo(30_000);
    ContactFact second = facts.get(5);
    assertThat(second.queueId).isEqualTo("billing");
    assertThat(second.transferred).isFalse();
    assertThat(second.talkMs).isEqualTo(60_000);
    assertThat(state.finished()).isTrue();
  }

  @Test
  void aDirectTransferToAnAgentKeepsTheQueueAndHasNoWait() throws Exception {
    List<ContactFact> facts =
        run(
            at(0).queued("support"),
            at(3).answered("a-1"),
            at(40).transferredToAgent("a-1", "a-9"),
            at(42).answered("a-9"),
            at(50).wrapupEnded("a-1"),
            at(100).talkEnded("a-9"),
            at(100).wrapupEnded("a-9"));
    assertThat(facts)
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED, FactKind.LEG, FactKind.LEG);
    assertThat(facts.get(3).agentId).isEqualTo("a-9");
    assertThat(facts.get(3).queueId).isEqualTo("support");
    assertThat(facts.get(3).acwMs).isZero();
  }

  @Test
  void anAbandonAndTheAnswerThatCannotFollowIt() throws Exception {
    List<ContactFact> facts = run(at(0).queued("billing"), at(4).abandoned("billing"));
    assertThat(facts.get(1).kind).isEqualTo(FactKind.ABANDONED);
    assertThat(facts.get(1).waitMs).isEqualTo(4_000);
    assertThat(state.finished()).isTrue();
    assertThatThrownBy(() -> run(at(9).answered("a-1")))
        .isInstanceOf(ImpossibleTransition.class)
        .hasMessage("ANSWERED after the contact was ABANDONED");
  }

  @Test
  void aHoldThatEndsWithTheCallCountsUpToTheEnd() throws Exception {
    List<ContactFact> facts =
        run(
            at(0).queued("q"),
            at(1).answered("a-1"),
            at(50).holdStarted("a-1"),
            at(80).talkEnded("a-1"),
            at(90).wrapupEnded("a-1"));
    assertThat(facts.get(2).holdMs).isEqualTo(30_000);
    assertThat(facts.get(2).talkMs).isEqualTo(49_000);
  }

  @Test
  void refusesImpossibleStepsWithoutChangingTheContact() throws Exception {
    run(at(0).queued("q"), at(1).answered("a-1"));
    assertThatThrownBy(() -> run(at(2).holdEnded("a-1")))
        .hasMessage("HOLD_ENDED with no hold started");
    assertThatThrownBy(() -> run(at(2).holdStarted("a-7")))
        .hasMessage("HOLD_STARTED by a-7 who has no leg of this contact open");
    assertThatThrownBy(() -> run(at(2).answered("a-1")))
        .hasMessage("ANSWERED by a-1 who already has a leg of this contact open");
    assertThatThrownBy(() -> run(at(2).abandoned("q")))
        .hasMessage("ABANDONED with no queue wait open");
    // The contact carries on as if those had never come.
    List<ContactFact> facts = run(at(10).talkEnded("a-1"), at(20).wrapupEnded("a-1"));
    assertThat(facts)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.talkMs).isEqualTo(9_000);
              assertThat(f.holdCount).isZero();
            });
  }

  @Test
  void aWrapUpWithoutTalkEndedEndsTheConversationThere() throws Exception {
    List<ContactFact> facts =
        run(at(0).queued("q"), at(5).answered("a-1"), at(65).wrapupEnded("a-1"));
    assertThat(facts.get(2).talkMs).isEqualTo(60_000);
    assertThat(facts.get(2).acwMs).isZero();
  }

  @Test
  void anAnswerWithoutAWaitTakesTheQueueOnTheEventOrIsRefused() throws Exception {
    InteractionEvent named =
        InteractionEvent.newBuilder(at(0).answered("a-1")).setQueueId("outbound").build();
    List<ContactFact> facts = run(named, at(30).talkEnded("a-1"), at(40).wrapupEnded("a-1"));
    assertThat(facts).singleElement().satisfies(f -> assertThat(f.queueId).isEqualTo("outbound"));
    state = null;
    assertThatThrownBy(() -> run(at(0).answered("a-2")))
        .hasMessage(
            "ANSWERED by a-2 with no queue wait, no transfer to that agent and no queue_id");
  }

  @Test
  void refusesAStepThatWouldMakeADurationNegative() throws Exception {
    run(at(0).queued("q"), at(10).answered("a-1"), at(100).talkEnded("a-1"));
    assertThatThrownBy(() -> run(at(90).wrapupEnded("a-1")))
        .isInstanceOfSatisfying(
            ImpossibleTransition.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.NEGATIVE_DURATION))
        .hasMessage("after-contact work would be negative (-10000 ms)");
  }

  @Test
  void aContactMovedUnansweredToAnotherQueue() throws Exception {
    List<ContactFact> facts =
        run(at(0).queued("sales"), at(30).queued("overflow"), at(40).answered("a-1"));
    assertThat(facts)
        .extracting(f -> f.kind)
        .containsExactly(
            FactKind.ARRIVED,
            FactKind.MOVED_UNANSWERED,
            FactKind.TRANSFERRED_IN,
            FactKind.ANSWERED);
    assertThat(facts.get(1).queueId).isEqualTo("sales");
    assertThat(facts.get(1).waitMs).isEqualTo(30_000);
    assertThat(facts.get(3).queueId).isEqualTo("overflow");
    assertThat(facts.get(3).waitMs).isEqualTo(10_000);
  }

  @Test
  void closesOpenLegsAsIncomplete() throws Exception {
    run(at(0).queued("q"), at(1).answered("a-1"));
    List<ContactFact> closed = ContactTimeline.closeIncomplete(state, ms(3600));
    assertThat(closed)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind).isEqualTo(FactKind.LEG_INCOMPLETE);
              assertThat(f.agentId).isEqualTo("a-1");
              assertThat(f.at).isEqualTo(ms(3600));
            });
    assertThat(state.finished()).isTrue();
  }
}
