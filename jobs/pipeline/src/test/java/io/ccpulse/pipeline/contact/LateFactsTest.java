package io.ccpulse.pipeline.contact;

import static io.ccpulse.pipeline.contact.Steps.T0;
import static io.ccpulse.pipeline.contact.Steps.at;
import static io.ccpulse.pipeline.contact.Steps.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;
import io.ccpulse.pipeline.source.RejectedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A late event within the allowed lateness leaves contact_facts as the contact's events on time
 * would: each case runs one contact twice through the assembler, its events in order, then with one
 * of them delivered after the watermark has passed it (so the contact is replayed), writes what
 * each run sends into {@link ContactFactsTable} (the table's key, versions and FINAL), and requires
 * the same rows and the same signed sums (what the intervals add up). Processing time stands still,
 * as it does for a fast job within one millisecond: a fact and its retraction then share the clock.
 *
 * <p>The cases (docs/metrics.md §10, "Late events"):
 *
 * <pre>
 * late event                       taken first as                     retracted
 * ANSWERED in A, before the        a wait in A moved unanswered       MOVED_UNANSWERED A
 *   transfer's QUEUED in B         to B (the agent's steps refused)
 * first QUEUED in A, after the     the contact's arrival in B         ARRIVED B
 *   transfer's QUEUED in B
 * ABANDONED in A, before a         a wait moved to B                  MOVED_UNANSWERED A,
 *   QUEUED in B                                                         TRANSFERRED_IN B
 * ANSWERED, before an ABANDONED    an abandon                         ABANDONED
 * ANSWERED by the first agent of   the wait answered by the second    ANSWERED (its agent)
 *   a direct transfer
 * TRANSFERRED to an agent          the next leg in the queue its      both legs (queue, figures)
 *                                    ANSWERED names
 * HOLD_STARTED                     a leg without hold                 LEG (same key, new figures)
 * CALLBACK_REQUESTED               a wait answered                    ANSWERED, LEG
 * first QUEUED naming the          a leg of no customer               LEG (its customer_id)
 *   customer
 * ABANDONED, the contact's last    (nothing: applied in place)        none
 * </pre>
 *
 * A survey response is never taken back (SurveyFacts writes it once; SurveyFactsTest).
 */
class LateFactsTest {
  private static final Duration LATENESS = Duration.ofMinutes(5);
  private static final String A = "billing";
  private static final String B = "sales";

  @Test
  void aLateAnswerRetractsTheMoveWithTheKeyItWasWrittenWith() throws Exception {
    // Contact ix-…-3su of the weekly rota: its ANSWERED came 2 minutes late, after the transfer's
    // QUEUED, so its wait was first taken as moved unanswered at the transfer.
    InteractionEvent late = at(60).answered("a-1");
    Run run =
        Run.withLate(
            late,
            at(0).queued(A),
            late,
            at(120).transferredToQueue("a-1", B),
            at(120).queued(B),
            at(130).wrapupEnded("a-1"),
            at(200).answered("a-2"),
            at(260).talkEnded("a-2"),
            at(270).wrapupEnded("a-2"));
    ContactFact moved = run.only(FactKind.MOVED_UNANSWERED, 1);
    ContactFact retraction = run.only(FactKind.MOVED_UNANSWERED, -1);
    assertThat(moved.queueId).isEqualTo(A);
    assertThat(moved.at).isEqualTo(ms(120));
    assertThat(ContactFactsTable.key(retraction)).isEqualTo(ContactFactsTable.key(moved));
    assertThat(retraction.version).isGreaterThan(moved.version);
    assertThat(run.table().finalRows())
        .noneMatch(r -> r.contains("fact=MOVED_UNANSWERED"))
        .anyMatch(r -> r.contains("fact=ANSWERED") && r.contains("agent_id=a-1"));
    run.leavesTheTableAsOnTime();
  }

  @Test
  void aLateFirstQueuedRetractsTheArrivalTakenInTheNextQueue() throws Exception {
    // Contact ix-aacbcad5-9k9: its first QUEUED came 2 minutes late, after its transfer's QUEUED.
    InteractionEvent late = at(0).queued(A);
    Run.withLate(
            late,
            late,
            answeredFrom(30, "a-1", A),
            at(90).transferredToQueue("a-1", B),
            at(90).queued(B),
            at(100).wrapupEnded("a-1"),
            answeredFrom(150, "a-2", B),
            at(250).wrapupEnded("a-2"))
        .retracts(FactKind.ARRIVED)
        .leavesTheTableAsOnTime();
  }

  @Test
  void aLateAbandonRetractsTheMoveTakenAfterIt() throws Exception {
    InteractionEvent late = at(40).abandoned(A);
    Run.withLate(late, at(0).queued(A), late, at(60).queued(B))
        .retracts(FactKind.MOVED_UNANSWERED, FactKind.TRANSFERRED_IN)
        .leavesTheTableAsOnTime();
  }

  @Test
  void aLateAnswerRetractsTheAbandonTakenAfterIt() throws Exception {
    InteractionEvent late = at(20).answered("a-1");
    Run.withLate(
            late,
            at(0).queued(A),
            late,
            at(25).abandoned(A),
            at(80).talkEnded("a-1"),
            at(90).wrapupEnded("a-1"))
        .retracts(FactKind.ABANDONED)
        .leavesTheTableAsOnTime();
  }

  @Test
  void aLateAnswerChangesWhichAgentEndedTheWait() throws Exception {
    InteractionEvent late = at(10).answered("a-1");
    Run.withLate(
            late,
            at(0).queued(A),
            late,
            at(50).transferredToAgent("a-1", "a-2"),
            at(52).answered("a-2"),
            at(60).wrapupEnded("a-1"),
            at(120).talkEnded("a-2"),
            at(130).wrapupEnded("a-2"))
        .retracts(FactKind.ANSWERED)
        .leavesTheTableAsOnTime();
  }

  @Test
  void aLateTransferMovesTheNextLegToTheTransferringLegsQueue() throws Exception {
    InteractionEvent late = at(60).transferredToAgent("a-1", "a-2");
    Run.withLate(
            late,
            at(0).queued(A),
            at(10).answered("a-1"),
            late,
            answeredFrom(62, "a-2", B),
            at(70).wrapupEnded("a-1"),
            at(150).talkEnded("a-2"),
            at(160).wrapupEnded("a-2"))
        .retracts(FactKind.LEG, FactKind.LEG)
        .leavesTheTableAsOnTime();
  }

  @Test
  void aLateHoldCorrectsTheLegUnderTheSameKey() throws Exception {
    InteractionEvent late = at(60).holdStarted("a-1");
    Run.withLate(
            late,
            at(0).queued(A),
            at(12).answered("a-1"),
            late,
            at(90).holdEnded("a-1"),
            at(150).talkEnded("a-1"),
            at(170).wrapupEnded("a-1"))
        .retracts(FactKind.LEG)
        .leavesTheTableAsOnTime();
  }

  @Test
  void aLateCallbackRequestRetractsTheAnswerTakenForTheCallback() throws Exception {
    InteractionEvent late = at(60).callbackRequested(A);
    Run.withLate(
            late,
            at(0).queued(A),
            late,
            at(200).callbackDialed(A, "a-1"),
            at(210).answered("a-1"),
            at(300).wrapupEnded("a-1"))
        .retracts(FactKind.ANSWERED, FactKind.LEG)
        .leavesTheTableAsOnTime();
  }

  @Test
  void aLateFirstEventThatNamesTheCustomerCorrectsTheLegWrittenWithoutIt() throws Exception {
    // Imported history may name the customer on the first event only.
    InteractionEvent late =
        InteractionEvent.newBuilder(at(0).queued(A)).setCustomerId("cu-7").build();
    Run run =
        Run.withLate(
            late,
            late,
            answeredFrom(30, "a-1", A),
            at(90).talkEnded("a-1"),
            at(100).wrapupEnded("a-1"));
    run.retracts(FactKind.LEG).leavesTheTableAsOnTime();
    assertThat(run.table().finalRows()).allMatch(r -> r.contains("customer_id=cu-7"));
  }

  @Test
  void aLateLastEventIsAppliedInPlaceWithNothingToRetract() throws Exception {
    InteractionEvent late = at(40).abandoned(A);
    Run.withLate(late, at(0).queued(A), late).retracts().leavesTheTableAsOnTime();
  }

  private static InteractionEvent answeredFrom(long seconds, String agent, String queue) {
    return InteractionEvent.newBuilder(at(seconds).answered(agent)).setQueueId(queue).build();
  }

  /** One contact through the assembler on time, and with one event late. */
  private record Run(List<ContactFact> onTime, List<ContactFact> sent, ContactFactsTable table) {

    /** {@code events} in event-time order, {@code late} among them. */
    static Run withLate(InteractionEvent late, InteractionEvent... events) throws Exception {
      List<InteractionEvent> others = new ArrayList<>(Arrays.asList(events));
      others.remove(late);
      long lastSecond = (events[events.length - 1].getOccurredAt().toEpochMilli() - ms(0)) / 1000;
      List<ContactFact> onTime = assemble(List.of(events), List.of(), lastSecond);
      List<ContactFact> sent = assemble(others, List.of(late), lastSecond);
      ContactFactsTable table = new ContactFactsTable();
      table.insertAll(sent);
      return new Run(onTime, sent, table);
    }

    /**
     * Sends {@code first}, lets the watermark pass them, then sends {@code then}: behind the
     * watermark, within the lateness.
     */
    private static List<ContactFact> assemble(
        List<InteractionEvent> first, List<InteractionEvent> then, long lastSecond)
        throws Exception {
      try (KeyedOneInputStreamOperatorTestHarness<TenantKey, Inbound<InteractionEvent>, ContactFact>
          harness =
              new KeyedOneInputStreamOperatorTestHarness<>(
                  new KeyedProcessOperator<>(
                      new ContactAssembler(
                          LATENESS,
                          Duration.ofHours(1),
                          Duration.ofMinutes(30),
                          100,
                          Duration.ofHours(6))),
                  ContactAssembler::key,
                  TypeInformation.of(TenantKey.class))) {
        harness.open();
        harness.setProcessingTime(T0.plus(Duration.ofDays(1)).toEpochMilli());
        long offset = 0;
        for (InteractionEvent e : first) {
          send(harness, e, offset++);
        }
        harness.processWatermark(new Watermark(ms(lastSecond + 10)));
        for (InteractionEvent e : then) {
          assertThat(e.getOccurredAt().toEpochMilli())
              .as("late, within the lateness")
              .isLessThan(ms(lastSecond + 10))
              .isGreaterThan(ms(lastSecond + 10) - LATENESS.toMillis());
          send(harness, e, offset++);
        }
        harness.processWatermark(new Watermark(ms(lastSecond + 10) + LATENESS.toMillis() + 1));
        List<RejectedEvent> rejected = new ArrayList<>();
        var side = harness.getSideOutput(ContactAssembler.REJECTED);
        if (side != null) {
          side.forEach(r -> rejected.add(r.getValue()));
        }
        assertThat(rejected).extracting(r -> r.reason).doesNotContain("TOO_LATE");
        return new ArrayList<>(harness.extractOutputValues());
      }
    }

    private static void send(
        KeyedOneInputStreamOperatorTestHarness<TenantKey, Inbound<InteractionEvent>, ContactFact>
            harness,
        InteractionEvent e,
        long offset)
        throws Exception {
      harness.processElement(
          new StreamRecord<>(
              Inbound.of(e, "interactions", 0, offset), e.getOccurredAt().toEpochMilli()));
    }

    /** The one fact of {@code kind} sent with {@code sign}. */
    ContactFact only(FactKind kind, int sign) {
      return sent.stream().filter(f -> f.kind == kind && f.sign == sign).findFirst().orElseThrow();
    }

    /**
     * Exactly these kinds of the table's facts were retracted (so the case did replay the contact,
     * or did not).
     */
    Run retracts(FactKind... kinds) {
      assertThat(
              sent.stream()
                  .filter(f -> f.sign < 0 && f.kind != FactKind.LEG_STARTED)
                  .map(f -> f.kind))
          .containsExactlyInAnyOrder(kinds);
      return this;
    }

    /** contact_facts FINAL, and every signed sum, as the on-time run has them. */
    void leavesTheTableAsOnTime() {
      ContactFactsTable expected = new ContactFactsTable();
      expected.insertAll(onTime);
      assertThat(table.finalRows()).isEqualTo(expected.finalRows()).isNotEmpty();
      assertThat(signed(sent)).isEqualTo(signed(onTime));
    }

    /** Each fact (all but sign and version) with the sum of its signs, zeros left out. */
    private static Map<String, Integer> signed(List<ContactFact> facts) {
      Map<String, Integer> sums = new TreeMap<>();
      for (ContactFact f : facts) {
        ContactFact plus = f.sign < 0 ? f.retraction() : f;
        sums.merge(plus + " customer=" + plus.customerId, f.sign, Integer::sum);
      }
      sums.values().removeIf(n -> n == 0);
      return sums;
    }
  }
}
