package io.ccpulse.pipeline.contact;

import static io.ccpulse.pipeline.contact.Steps.at;
import static io.ccpulse.pipeline.contact.Steps.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactAssemblerTest {
  private static final Duration LATENESS = Duration.ofMinutes(5);
  private static final Duration LEG_TIMEOUT = Duration.ofHours(1);
  private static final Duration RETENTION = Duration.ofMinutes(30);
  private static final int MAX_EVENTS = 20;
  private static final Duration MAX_SPAN = Duration.ofHours(6);

  private KeyedOneInputStreamOperatorTestHarness<TenantKey, Inbound<InteractionEvent>, ContactFact>
      harness;
  private long offset;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ContactAssembler(LATENESS, LEG_TIMEOUT, RETENTION, MAX_EVENTS, MAX_SPAN)),
            ContactAssembler::key,
            TypeInformation.of(TenantKey.class));
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void send(InteractionEvent... events) throws Exception {
    for (InteractionEvent e : events) {
      harness.processElement(
          new StreamRecord<>(
              Inbound.of(e, "interactions", 0, offset++), e.getOccurredAt().toEpochMilli()));
    }
  }

  private void watermark(long secondsAfterT0) throws Exception {
    harness.processWatermark(new Watermark(ms(secondsAfterT0)));
  }

  private List<ContactFact> facts() {
    List<ContactFact> out = harness.extractOutputValues();
    return out.stream().filter(f -> f.kind != FactKind.LEG_STARTED).toList();
  }

  private List<RejectedEvent> rejected() {
    var side = harness.getSideOutput(ContactAssembler.REJECTED);
    return side == null
        ? List.of()
        : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
  }

  @Test
  void ordersEventsWithinTheBoundBeforeApplyingThem() throws Exception {
    // Delivered shuffled: hold end before hold start, answer before queued.
    send(
        at(12).answered("a-1"),
        at(0).queued("billing"),
        at(90).holdEnded("a-1"),
        at(60).holdStarted("a-1"));
    assertThat(facts()).isEmpty(); // nothing is applied before the watermark passes it
    send(at(150).talkEnded("a-1"), at(170).wrapupEnded("a-1"));
    watermark(200);
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED, FactKind.LEG);
    assertThat(facts().get(2).holdMs).isEqualTo(30_000);
    assertThat(rejected()).isEmpty();
  }

  @Test
  void aContactsWaitingEventsShareOneTimer() throws Exception {
    send(at(0).queued("q"), at(10).answered("a-1"), at(60).holdStarted("a-1"));
    // A timer for the first waiting event only: the watermark that passes it applies what else
    // it passes, in order, and sets the timer for what still waits.
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    watermark(30);
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED);
    // the hold start's timer and the leg timeout's
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
  }

  @Test
  void aWaitingEventAfterTheLegTimeoutComesAfterTheLegIsClosed() throws Exception {
    // The hold end, refused (no hold started), has a timer at its lateness (320 s), before the leg
    // timeout (20 + 3600 s); the talk end waits at 3700 s. One watermark passes all three: the
    // refusal's timer comes first and must not apply the talk end before the timeout closes the
    // leg, as a timer of its own at 3700 s would not have.
    send(at(0).queued("q"), at(10).answered("a-1"), at(20).holdEnded("a-1"));
    watermark(25);
    send(at(3700).talkEnded("a-1"));
    watermark(4000);
    assertThat(facts()).extracting(f -> f.kind).doesNotContain(FactKind.LEG);
    assertLastClosedIncompleteAt(3620);
    watermark(3700 + LATENESS.toSeconds());
    assertThat(rejected())
        .extracting(r -> r.eventType)
        .containsExactly("InteractionEvent.HOLD_ENDED", "InteractionEvent.TALK_ENDED");
  }

  @Test
  void contactsOfTwoTenantsNeverShareState() throws Exception {
    // Tenant "a/b" with contact "c", and tenant "a" with contact "b/c": one key when ids were
    // joined with "/", so the second contact's QUEUED was refused as a repeat of the first's.
    InteractionEvent first = at(0).queued("billing");
    first.setTenantId("a/b");
    first.setInteractionId("c");
    InteractionEvent second = at(1).queued("billing");
    second.setTenantId("a");
    second.setInteractionId("b/c");
    send(first, second);
    watermark(10);
    assertThat(facts())
        .extracting(f -> f.kind + " " + f.tenantId + " " + f.interactionId)
        .containsExactly("ARRIVED a/b c", "ARRIVED a b/c");
    assertThat(rejected()).isEmpty();
  }

  @Test
  void keepsAtMostTheEventLimitOfAContactAndRejectsTheRest() throws Exception {
    // A contact with 10,000 holds must not grow its state (and each replay) without bound.
    send(at(0).queued("billing"), at(5).answered("a-1"));
    for (int i = 0; i < 10_000; i++) {
      send(i % 2 == 0 ? at(10 + i).holdStarted("a-1") : at(10 + i).holdEnded("a-1"));
      if (i % 100 == 0) {
        watermark(i); // time passes during the flood, longer than the leg timeout and the retention
      }
    }
    watermark(10_000);
    List<RejectedEvent> rejected = rejected();
    assertThat(rejected).hasSize(10_000 - (MAX_EVENTS - 2));
    assertThat(rejected).extracting(r -> r.reason).containsOnly("TOO_MANY_EVENTS");
    assertThat(rejected.get(0).detail)
        .isEqualTo("the contact already has 20 events (input.max-contact-events: 20)");
    assertThat(rejected.get(0).occurredAt).isEqualTo(ms(10 + MAX_EVENTS - 2));
    // The contact stays remembered while its excess keeps coming (not forgotten and started
    // afresh).
    // What was kept still counts: the answer, and the leg, closed as incomplete the leg timeout
    // after
    // the flood (its end events were over the limit too).
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED);
    watermark(10_010 + LEG_TIMEOUT.toSeconds() + 1);
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED, FactKind.LEG_INCOMPLETE);
  }

  @Test
  void rejectsAnEventThatWouldStretchTheContactBeyondItsSpan() throws Exception {
    // A hold every half hour keeps the leg open; an event past six hours from the first is refused.
    send(at(0).queued("billing"), at(5).answered("a-1"));
    for (int k = 1; k <= 11; k++) {
      send(k % 2 == 1 ? at(k * 1800).holdStarted("a-1") : at(k * 1800).holdEnded("a-1"));
    }
    long span = MAX_SPAN.toSeconds();
    send(at(span + 1).holdEnded("a-1"));
    assertThat(rejected()).extracting(r -> r.reason).containsExactly("CONTACT_TOO_LONG");
    assertThat(rejected().get(0).detail)
        .isEqualTo("the contact's events would span PT6H1S (input.max-contact-span: PT6H)");
    send(at(span - 1).holdEnded("a-1"), at(span).talkEnded("a-1"), at(span).wrapupEnded("a-1"));
    watermark(span + 100);
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED, FactKind.LEG);
    assertThat(rejected()).hasSize(1);
  }

  @Test
  void dropsDuplicatesOfTheSameEventId() throws Exception {
    InteractionEvent queued = at(0).queued("billing");
    InteractionEvent answered = at(5).answered("a-1");
    send(queued, answered, queued, answered);
    watermark(10);
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED);
    assertThat(rejected()).isEmpty();
  }

  @Test
  void appliesALateEventWithinTheLatenessAndRejectsOneBeyondIt() throws Exception {
    send(at(0).queued("billing"));
    watermark(100);
    send(at(30).abandoned("billing")); // 70 s behind the watermark, within 5 min
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ABANDONED);

    watermark(1000);
    send(at(500).queued("sales")); // 500 s behind: too late
    assertThat(rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason).isEqualTo("TOO_LATE");
              assertThat(r.detail).contains("PT8M20S behind the watermark");
              assertThat(r.sourceOffset).isEqualTo(2);
              assertThat(r.eventType).isEqualTo("InteractionEvent.QUEUED");
            });
  }

  @Test
  void judgesLatenessByThePartitionClockNotTheWatermark() throws Exception {
    // The watermark lags (another partition is read slowly): the clock stamped at the source
    // decides.
    send(at(0).queued("billing"));
    watermark(10);
    InteractionEvent tooLate = at(20).abandoned("billing");
    Inbound<InteractionEvent> in = Inbound.of(tooLate, "interactions", 3, 77);
    in.partitionClock = ms(20 + 301); // it reached Kafka 5 min 1 s after it happened
    harness.processElement(new StreamRecord<>(in, ms(20)));
    assertThat(rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason).isEqualTo("TOO_LATE");
              assertThat(r.detail).contains("PT5M1S behind its partition's event-time clock");
              assertThat(r.sourcePartition).isEqualTo(3);
              assertThat(r.sourceOffset).isEqualTo(77);
            });
    // Within the lateness by its clock: applied, however far the watermark has run.
    Inbound<InteractionEvent> onTime =
        Inbound.of(at(40).abandoned("billing"), "interactions", 3, 78);
    onTime.partitionClock = ms(40 + 300);
    harness.processElement(new StreamRecord<>(onTime, ms(40)));
    watermark(400);
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ABANDONED);
    assertThat(rejected()).hasSize(1);
  }

  @Test
  void rejectsAnImpossibleTransitionOnceTheLatenessHasPassedItAndGoesOn() throws Exception {
    send(
        at(0).queued("q"),
        at(1).answered("a-1"),
        at(5).holdEnded("a-1"),
        at(20).talkEnded("a-1"),
        at(30).wrapupEnded("a-1"));
    watermark(40);
    assertThat(rejected()).as("a HOLD_STARTED may still come late").isEmpty();
    watermark(5 + 300);
    assertThat(rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason).isEqualTo("IMPOSSIBLE_TRANSITION");
              assertThat(r.detail).isEqualTo("HOLD_ENDED with no hold started");
            });
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED, FactKind.LEG);
  }

  @Test
  void aLateEventIsPutInItsPlaceAndTheChangedLegRetractedAndCorrected() throws Exception {
    // HOLD_STARTED comes 3 minutes late: after its HOLD_ENDED and after the leg completed.
    send(
        at(0).queued("q"),
        at(12).answered("a-1"),
        at(90).holdEnded("a-1"),
        at(150).talkEnded("a-1"),
        at(170).wrapupEnded("a-1"));
    watermark(200);
    List<ContactFact> before = facts();
    assertThat(before).last().satisfies(f -> assertThat(f.holdMs).isZero());
    send(at(60).holdStarted("a-1"));
    List<ContactFact> after = facts().subList(before.size(), facts().size());
    assertThat(after).hasSize(2);
    assertThat(after.get(0).sign).isEqualTo(-1);
    assertThat(after.get(0).kind).isEqualTo(FactKind.LEG);
    assertThat(after.get(0).holdMs).isZero();
    assertThat(after.get(0).version).isLessThan(after.get(1).version);
    assertThat(after.get(1).sign).isEqualTo(1);
    assertThat(after.get(1).holdMs).isEqualTo(30_000);
    assertThat(after.get(1).talkMs).isEqualTo(138_000 - 30_000);
    watermark(1000);
    assertThat(rejected())
        .as("the HOLD_ENDED refused before is valid now: never reported")
        .isEmpty();
  }

  @Test
  void aLateAnswerBringsBackTheStepsRefusedBeforeIt() throws Exception {
    // ANSWERED is held up: TALK_ENDED and WRAPUP_ENDED come first and are refused (no leg yet).
    send(at(0).queued("q"), at(60).talkEnded("a-1"), at(70).wrapupEnded("a-1"));
    watermark(100);
    assertThat(facts()).extracting(f -> f.kind).containsExactly(FactKind.ARRIVED);
    send(at(10).answered("a-1"));
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED, FactKind.LEG);
    assertThat(facts().get(2).talkMs).isEqualTo(50_000);
    watermark(1000);
    assertThat(rejected()).isEmpty();
  }

  @Test
  void aContactWhoseFirstEventWasRefusedWaitsForTheEventThatExplainsIt() throws Exception {
    // QUEUED is held up: the ABANDONED that follows it is applied first, to nothing.
    send(at(31).abandoned("q"));
    watermark(60);
    send(at(0).queued("q"));
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ABANDONED);
    assertThat(facts().get(1).waitMs).isEqualTo(31_000);
    watermark(1000);
    assertThat(rejected()).isEmpty();
  }

  @Test
  void closesALegThatNeverCompletesAndThenForgetsTheContact() throws Exception {
    send(at(0).queued("q"), at(10).answered("a-1"));
    watermark(3000);
    assertThat(facts())
        .extracting(f -> f.kind)
        .containsExactly(FactKind.ARRIVED, FactKind.ANSWERED);
    watermark(10 + 3600);
    assertLastClosedIncompleteAt(3610);
    assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
    watermark(10 + 3600 + 1800);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void assertLastClosedIncompleteAt(long secondsAfterT0) {
    assertThat(facts())
        .last()
        .satisfies(
            f -> {
              assertThat(f.kind).isEqualTo(FactKind.LEG_INCOMPLETE);
              assertThat(f.at).isEqualTo(ms(secondsAfterT0));
            });
  }

  @Test
  void theLegLimitRunsFromTheLatestEventThoughTheTimerWasSetAtAnEarlierOne() throws Exception {
    // The timer set at the answer (10 + 3600 s) stays when talk ends at 3000 s; it fires, finds the
    // limit moved on to 3000 + 3600 s and sets itself there.
    send(at(0).queued("q"), at(10).answered("a-1"), at(3000).talkEnded("a-1"));
    watermark(3001);
    assertThat(harness.numEventTimeTimers()).as("one housekeeping timer").isEqualTo(1);
    watermark(3610);
    assertThat(facts()).extracting(f -> f.kind).doesNotContain(FactKind.LEG_INCOMPLETE);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    watermark(6599);
    assertThat(facts()).extracting(f -> f.kind).doesNotContain(FactKind.LEG_INCOMPLETE);
    watermark(6600);
    assertLastClosedIncompleteAt(6600);
    watermark(6600 + 1800);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private List<ContactResolution> resolved() {
    var side = harness.getSideOutput(ContactAssembler.RESOLVED);
    return side == null
        ? List.of()
        : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
  }

  @Test
  void writesTheResolutionWhenItForgetsTheContactWithTheLateEventsInIt() throws Exception {
    send(
        at(0).queued("q"),
        at(2).answered("a-1"),
        at(60).talkEnded("a-1"),
        at(65).wrapupEnded("a-1"));
    watermark(100);
    send(at(20).holdStarted("a-1"), at(30).holdEnded("a-1")); // late, within the lateness
    watermark(65 + 1799);
    assertThat(resolved()).as("not before the contact is forgotten").isEmpty();
    watermark(65 + 1800);
    assertThat(resolved())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.resolutionMs()).isEqualTo(65_000);
              assertThat(r.holds).isEqualTo(1);
              assertThat(r.holdMs).isEqualTo(10_000);
              assertThat(r.handleMs).isEqualTo(63_000);
            });
  }

  @Test
  void aContactThatComesBackBeforeItIsForgottenIsOneConversation() throws Exception {
    send(
        at(0).queued("q"),
        at(2).answered("a-1"),
        at(60).wrapupEnded("a-1"),
        at(600).queued("q"),
        at(610).answered("a-2"),
        at(700).wrapupEnded("a-2"));
    watermark(700 + 1800);
    assertThat(resolved())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.legs).isEqualTo(2);
              assertThat(r.transfers).isZero();
              assertThat(r.resolutionMs()).isEqualTo(700_000);
            });
  }

  @Test
  void anAbandonedOrIncompleteContactHasNoResolution() throws Exception {
    send(at(0).queued("q"), at(40).abandoned("q"));
    InteractionEvent otherQueued = at(0).queued("q");
    otherQueued.setInteractionId("other");
    InteractionEvent otherAnswered = at(5).answered("a-1");
    otherAnswered.setInteractionId("other");
    send(otherQueued, otherAnswered);
    watermark(5 * 3600);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(resolved()).isEmpty();
  }

  @Test
  void aWaitLongerThanTheLegTimeoutIsKeptUntilTheAnswerAndForgottenAfterTheSpan() throws Exception {
    // An email queued in the evening, answered next morning: 5 h with no event, over the 1 h leg
    // timeout; the wait is kept until the contact span (6 h).
    send(at(0).queued("q"));
    // Another that nobody ever answers: closed after the span, then forgotten.
    send(InteractionEvent.newBuilder(at(10).queued("q")).setInteractionId("c-2").build());
    watermark(5 * 3600);
    send(at(5 * 3600).answered("a-1"));
    watermark(5 * 3600 + 600);
    assertThat(facts())
        .filteredOn(f -> f.kind == FactKind.ANSWERED)
        .singleElement()
        .satisfies(f -> assertThat(f.waitMs).isEqualTo(5 * 3_600_000L));
    watermark(5 * 3600 + 3600 + 1800 + 6 * 3600); // both past their limits and retention
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(rejected()).isEmpty();
  }

  @Test
  void aPendingCallbackIsKeptPastTheRetentionUntilItIsDialedAndAnswered() throws Exception {
    // Requested at 60 s, dialed 2 h later (over the 1 h leg timeout and the 30 min retention): the
    // pending callback keeps the contact, so the callback leg still finds its queue.
    send(at(0).queued("q"), at(60).callbackRequested("q"));
    watermark(2 * 3600);
    send(
        at(2 * 3600).callbackDialed("q", "a-1"),
        at(2 * 3600 + 10).answered("a-1"),
        at(2 * 3600 + 200).wrapupEnded("a-1"));
    watermark(2 * 3600 + 300);
    assertThat(rejected()).isEmpty();
    assertThat(facts())
        .extracting(f -> f.kind + " " + f.queueId + " " + f.waitMs + (f.callback ? " cb" : ""))
        .containsExactly(
            "ARRIVED q 0", "CALLBACK_REQUESTED q 60000", "CALLBACK_DIALED q 7140000", "LEG q 0 cb");
    watermark(2 * 3600 + 200 + 1800);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void keepsNoStateOnceACompletedContactIsPastItsRetention() throws Exception {
    send(
        at(0).queued("q"),
        at(2).answered("a-1"),
        at(60).talkEnded("a-1"),
        at(65).wrapupEnded("a-1"));
    watermark(100);
    assertThat(facts()).hasSize(3);
    assertThat(harness.extractOutputValues()).hasSize(4); // and one leg start
    assertThat(harness.numEventTimeTimers()).isEqualTo(1); // only the retention timer
    watermark(65 + 1800);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    // A duplicate after that is no longer recognised: the retention bounds the memory of ids.
  }
}
