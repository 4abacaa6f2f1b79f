package io.ccpulse.pipeline.contact;

import static io.ccpulse.pipeline.contact.Steps.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.source.Inbound;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactReplayTest {
  private static Inbound<InteractionEvent>[] log(InteractionEvent... events) {
    Inbound<InteractionEvent>[] log = ContactHistory.newLog(0);
    for (InteractionEvent e : events) {
      log = ContactReplay.insert(log, Inbound.of(e, "t", 0, 0));
    }
    return log;
  }

  @Test
  void insertsByEventTimeKeepingArrivalOrderForEqualTimes() {
    Inbound<InteractionEvent>[] log =
        log(
            at(10).transferredToQueue("a", "r"),
            at(0).queued("q"),
            at(10).queued("r"),
            at(5).answered("a"));
    assertThat(
            Arrays.stream(log)
                .map(
                    i ->
                        i.event.getType().name()
                            + "@"
                            + i.event.getOccurredAt().getEpochSecond() % 60))
        .containsExactly("QUEUED@0", "ANSWERED@5", "TRANSFERRED@10", "QUEUED@10");
  }

  @Test
  void replaysFromTheStartAndReportsWhatItRefused() {
    ContactReplay.Outcome outcome =
        ContactReplay.replay(
            log(
                at(0).queued("q"),
                at(3).answered("a-1"),
                at(4).holdEnded("a-1"),
                at(9).talkEnded("a-1"),
                at(9).wrapupEnded("a-1")));
    assertThat(outcome.facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED, FactKind.LEG_STARTED, FactKind.LEG);
    assertThat(outcome.refusals())
        .singleElement()
        .satisfies(r -> assertThat(r.detail).isEqualTo("HOLD_ENDED with no hold started"));
    assertThat(outcome.state().finished()).isTrue();
  }

  @Test
  void changesRetractWhatIsNoLongerTrueAndAddWhatIsNew() {
    ContactFact kept = leg(1000, 0);
    ContactFact stale = leg(2000, 0);
    ContactFact corrected = leg(2000, 500);
    List<ContactFact> changes =
        ContactReplay.changes(new ContactFact[] {kept, stale}, List.of(kept, corrected));
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).sign).isEqualTo(-1);
    assertThat(changes.get(0).sameAs(stale)).isTrue();
    assertThat(changes.get(1)).isSameAs(corrected);
    assertThat(ContactReplay.changes(new ContactFact[] {kept}, List.of(kept))).isEmpty();
  }

  private static ContactFact leg(long at, long hold) {
    ContactFact f = new ContactFact();
    f.kind = FactKind.LEG;
    f.agentId = "a";
    f.queueId = "q";
    f.at = at;
    f.holdMs = hold;
    return f;
  }
}
