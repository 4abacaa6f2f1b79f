package io.ccpulse.pipeline.contact;

import static io.ccpulse.pipeline.contact.Steps.at;
import static io.ccpulse.pipeline.contact.Steps.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.InteractionEvent;
import org.junit.jupiter.api.Test;

/** Conversations worked out by hand (docs/metrics.md §11): what each contact's row says. */
class ContactResolutionTest {
  private static ContactState run(InteractionEvent... events) throws ImpossibleTransition {
    ContactState state = ContactTimeline.start(events[0]);
    for (InteractionEvent e : events) {
      ContactTimeline.apply(state, e);
    }
    return state;
  }

  @Test
  void aPlainCallWithTwoHolds() throws Exception {
    ContactResolution r =
        ContactResolution.of(
            run(
                at(0).queued("billing"),
                at(12).answered("a-1"),
                at(60).holdStarted("a-1"),
                at(90).holdEnded("a-1"),
                at(100).holdStarted("a-1"),
                at(110).holdEnded("a-1"),
                at(192).talkEnded("a-1"),
                at(250).wrapupEnded("a-1")));
    assertThat(r.queueId).isEqualTo("billing");
    assertThat(r.startedAt).isEqualTo(ms(0));
    assertThat(r.resolvedAt).isEqualTo(ms(250));
    assertThat(r.resolutionMs()).isEqualTo(250_000);
    assertThat(r.legs).isEqualTo(1);
    assertThat(r.transfers).isZero();
    assertThat(r.holds).isEqualTo(2);
    assertThat(r.holdMs).isEqualTo(40_000);
    assertThat(r.handleMs).isEqualTo(238_000); // answered 12 .. wrap-up 250
    assertThat(r.abandoned).isFalse();
  }

  @Test
  void aTransferChainCountsUnderTheFirstQueueUntilTheLastWrapUp() throws Exception {
    // sales answers, transfers to billing; the first agent's wrap-up (80) ends before the second
    // leg's (160): the conversation is resolved at 160, 160 s after it first queued.
    ContactResolution r =
        ContactResolution.of(
            run(
                at(0).queued("sales"),
                at(5).answered("a-1"),
                at(30).holdStarted("a-1"),
                at(40).holdEnded("a-1"),
                at(65).transferredToQueue("a-1", "billing"),
                at(65).queued("billing"),
                at(80).wrapupEnded("a-1"),
                at(95).answered("a-2"),
                at(155).talkEnded("a-2"),
                at(160).wrapupEnded("a-2")));
    assertThat(r.queueId).isEqualTo("sales");
    assertThat(r.resolutionMs()).isEqualTo(160_000);
    assertThat(r.legs).isEqualTo(2);
    assertThat(r.transfers).isEqualTo(1);
    assertThat(r.holds).isEqualTo(1);
    assertThat(r.holdMs).isEqualTo(10_000);
    assertThat(r.handleMs).isEqualTo((80 - 5) * 1000 + (160 - 95) * 1000);
  }

  @Test
  void theTransferringAgentsWrapUpCanBeTheLastStep() throws Exception {
    // a-1 transfers straight to a-9 and wraps up after a-9 is done: resolved at a-1's wrap-up.
    ContactResolution r =
        ContactResolution.of(
            run(
                at(0).queued("support"),
                at(3).answered("a-1"),
                at(40).transferredToAgent("a-1", "a-9"),
                at(42).answered("a-9"),
                at(100).talkEnded("a-9"),
                at(100).wrapupEnded("a-9"),
                at(130).wrapupEnded("a-1")));
    assertThat(r.queueId).isEqualTo("support");
    assertThat(r.resolvedAt).isEqualTo(ms(130));
    assertThat(r.resolutionMs()).isEqualTo(130_000);
    assertThat(r.legs).isEqualTo(2);
    assertThat(r.transfers).isEqualTo(1);
  }

  @Test
  void aContactAbandonedAfterATransferIsResolvedAtItsLastWrapUp() throws Exception {
    ContactResolution r =
        ContactResolution.of(
            run(
                at(0).queued("sales"),
                at(10).answered("a-1"),
                at(50).transferredToQueue("a-1", "billing"),
                at(50).queued("billing"),
                at(55).wrapupEnded("a-1"),
                at(200).abandoned("billing")));
    assertThat(r.abandoned).isTrue();
    assertThat(r.resolvedAt).isEqualTo(ms(55));
    assertThat(r.resolutionMs()).isEqualTo(55_000);
    assertThat(r.transfers).isEqualTo(1);
  }

  @Test
  void aContactWithNoCompletedLegOrAnIncompleteOneHasNone() throws Exception {
    assertThat(ContactResolution.of(run(at(0).queued("q"), at(31).abandoned("q")))).isNull();
    ContactState open =
        run(
            at(0).queued("q"),
            at(5).answered("a-1"),
            at(50).transferredToAgent("a-1", "a-2"),
            at(51).answered("a-2"),
            at(60).wrapupEnded("a-1"));
    ContactTimeline.closeIncomplete(open, ms(4 * 3600));
    assertThat(open.finished()).isTrue();
    assertThat(ContactResolution.of(open)).isNull();
  }

  @Test
  void aContactNeverQueuedStartsAtItsFirstAnswer() throws Exception {
    InteractionEvent answered = at(7).answered("a-1");
    answered.setQueueId("imported");
    ContactResolution r =
        ContactResolution.of(run(answered, at(20).talkEnded("a-1"), at(25).wrapupEnded("a-1")));
    assertThat(r.queueId).isEqualTo("imported");
    assertThat(r.startedAt).isEqualTo(ms(7));
    assertThat(r.resolutionMs()).isEqualTo(18_000);
  }
}
