package io.ccpulse.pipeline.contact;

import static io.ccpulse.pipeline.contact.Steps.at;
import static io.ccpulse.pipeline.contact.Steps.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.events.InteractionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Callbacks in a contact's life, worked by hand (docs/metrics.md §4). */
class CallbacksTest {
  private ContactState state;

  private List<ContactFact> run(InteractionEvent... events) throws ImpossibleTransition {
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
  void aRequestEndsTheWaitAndTheDialedCallbackIsALegOfItsQueue() throws Exception {
    List<ContactFact> facts =
        run(
            at(0).queued("billing"),
            at(95).callbackRequested("billing"),
            at(700).callbackDialed("billing", "a-1"),
            at(712).answered("a-1"),
            at(900).talkEnded("a-1"),
            at(930).wrapupEnded("a-1"));
    assertThat(facts)
        .extracting(f -> f.kind)
        .containsExactly(
            FactKind.ARRIVED,
            FactKind.CALLBACK_REQUESTED,
            FactKind.CALLBACK_DIALED,
            FactKind.LEG_STARTED,
            FactKind.LEG);
    ContactFact requested = facts.get(1);
    assertThat(requested.queueId).isEqualTo("billing");
    assertThat(requested.waitMs).isEqualTo(95_000); // the customer's wait, QUEUED → request
    assertThat(requested.at).isEqualTo(ms(95));
    ContactFact dialed = facts.get(2);
    assertThat(dialed.agentId).isEqualTo("a-1");
    assertThat(dialed.waitMs).isEqualTo(605_000); // the callback's wait, request → dial
    ContactFact leg = facts.get(4);
    assertThat(leg.queueId).isEqualTo("billing");
    assertThat(leg.callback).isTrue();
    assertThat(leg.answeredAt).isEqualTo(ms(712));
    assertThat(leg.talkMs).isEqualTo(188_000);
    assertThat(leg.acwMs).isEqualTo(30_000);
    assertThat(state.finished()).isTrue();
  }

  @Test
  void aContactWithACallbackPendingOrDialedIsNotFinished() throws Exception {
    run(at(0).queued("q"), at(30).callbackRequested("q"));
    assertThat(state.finished()).isFalse();
    run(at(300).callbackDialed("q", "a-1"));
    assertThat(state.finished()).isFalse();
    run(at(305).answered("a-1"), at(400).wrapupEnded("a-1"));
    assertThat(state.finished()).isTrue();
  }

  @Test
  void aPlainAnswerIsNotACallbackLeg() throws Exception {
    List<ContactFact> facts =
        run(at(0).queued("q"), at(10).answered("a-1"), at(100).wrapupEnded("a-1"));
    assertThat(facts).filteredOn(f -> f.kind == FactKind.LEG).singleElement();
    assertThat(facts.get(facts.size() - 1).callback).isFalse();
  }

  @Test
  void refusesCallbackStepsThatCannotFollow() throws Exception {
    assertThatThrownBy(() -> run(at(0).callbackRequested("q")))
        .isInstanceOf(ImpossibleTransition.class)
        .hasMessageContaining("no queue wait open");
    state = null;
    run(at(0).queued("q"));
    assertThatThrownBy(() -> run(at(5).callbackRequested("other")))
        .hasMessageContaining("waits in q");
    assertThatThrownBy(() -> run(at(5).callbackDialed("q", "a-1")))
        .hasMessageContaining("no callback pending");
    run(at(6).callbackRequested("q"));
    assertThatThrownBy(() -> run(at(7).abandoned("q"))).hasMessageContaining("no queue wait");
    assertThatThrownBy(() -> run(at(7).queued("q2"))).hasMessageContaining("callback");
    assertThatThrownBy(() -> run(at(8).callbackDialed("q2", "a-1")))
        .hasMessageContaining("pending in q");
    // An answer by another agent than the one who dialed has nothing to start from.
    run(at(9).callbackDialed("q", "a-1"));
    assertThatThrownBy(() -> run(at(10).answered("a-2"))).hasMessageContaining("no queue wait");
    // The customer cannot pick up before the agent dialed.
    assertThatThrownBy(() -> run(at(8).answered("a-1"))).hasMessageContaining("negative");
  }

  @Test
  void theIncompleteLegTimerClosesAPendingCallback() throws Exception {
    run(at(0).queued("q"), at(30).callbackRequested("q"));
    ContactTimeline.closeIncomplete(state, ms(4000));
    assertThat(state.finished()).isTrue();
  }
}
