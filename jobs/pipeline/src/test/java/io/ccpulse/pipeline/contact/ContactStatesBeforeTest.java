package io.ccpulse.pipeline.contact;

import static io.ccpulse.pipeline.contact.Steps.at;
import static io.ccpulse.pipeline.contact.Steps.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.key.TenantKey;
import io.ccpulse.pipeline.source.Inbound;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A savepoint of a release that kept a contact in six states restores into the assembler that keeps
 * one: the contact goes on where it was, its waiting events applied, its duplicates known.
 */
class ContactStatesBeforeTest {
  private static final Duration LATENESS = Duration.ofMinutes(5);
  private static final Duration LEG_TIMEOUT = Duration.ofHours(1);
  private static final Duration RETENTION = Duration.ofMinutes(30);

  private static final InteractionEvent QUEUED = at(0).queued("billing");
  private static final InteractionEvent ANSWERED = at(12).answered("a-1");
  private static final InteractionEvent TALK_ENDED = at(150).talkEnded("a-1");
  private static final InteractionEvent WRAPUP_ENDED = at(170).wrapupEnded("a-1");

  /**
   * Writes the states as the earlier assembler left them with the watermark at 100 s: the events
   * before it applied, those after it waiting for it with a timer each, every one seen, a
   * housekeeping timer at the leg timeout.
   */
  static final class EarlierRelease
      extends KeyedProcessFunction<TenantKey, Inbound<InteractionEvent>, ContactFact> {
    private transient ContactStatesBefore states;

    @Override
    public void open(OpenContext openContext) {
      states = new ContactStatesBefore(getRuntimeContext());
    }

    @Override
    public void processElement(
        Inbound<InteractionEvent> in, Context ctx, Collector<ContactFact> out) throws Exception {
      long at = in.event.getOccurredAt().toEpochMilli();
      ContactExtent extent = states.extent.value();
      if (extent == null) {
        extent = new ContactExtent();
      }
      extent.add(at);
      states.extent.update(extent);
      states.seen.put(in.event.getEventId(), true);
      if (at > ms(100)) {
        states.pending.put(at, new Inbound[] {in});
        ctx.timerService().registerEventTimeTimer(at);
        return;
      }
      ContactState state = states.contact.value();
      ContactHistory past = states.history.value();
      if (state == null) {
        state = ContactTimeline.start(in.event);
        past = new ContactHistory();
      }
      past.log = ContactReplay.insert(past.log, in);
      List<ContactFact> facts = ContactTimeline.apply(state, in.event);
      past.lastVersion = ContactFact.stamp(facts, 1, past.lastVersion);
      past.emitted = ContactReplay.append(past.emitted, facts);
      states.contact.update(state);
      states.history.update(past);
      Long housekeeping = states.housekeepingAt.value();
      if (housekeeping != null) {
        ctx.timerService().deleteEventTimeTimer(housekeeping);
      }
      long due = at + LEG_TIMEOUT.toMillis();
      ctx.timerService().registerEventTimeTimer(due);
      states.housekeepingAt.update(due);
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          TenantKey, Inbound<InteractionEvent>, ContactFact>
      harness(KeyedProcessFunction<TenantKey, Inbound<InteractionEvent>, ContactFact> f)
          throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(f), ContactAssembler::key, TypeInformation.of(TenantKey.class));
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<TenantKey, Inbound<InteractionEvent>, ContactFact> h,
      InteractionEvent e,
      long offset)
      throws Exception {
    h.processElement(
        new StreamRecord<>(
            Inbound.of(e, "interactions", 0, offset), e.getOccurredAt().toEpochMilli()));
  }

  @Test
  void aContactKeptInTheEarlierStatesGoesOnWhereItWas() throws Exception {
    OperatorSubtaskState savepoint;
    try (var earlier = harness(new EarlierRelease())) {
      earlier.open();
      send(earlier, QUEUED, 0);
      send(earlier, ANSWERED, 1);
      send(earlier, TALK_ENDED, 2);
      send(earlier, WRAPUP_ENDED, 3);
      savepoint = earlier.snapshot(1, 1);
    }
    try (var now =
        harness(new ContactAssembler(LATENESS, LEG_TIMEOUT, RETENTION, 20, Duration.ofHours(6)))) {
      now.initializeState(savepoint);
      now.open();
      send(now, ANSWERED, 1); // a duplicate: the earlier release had seen it
      now.processWatermark(new Watermark(ms(200)));
      List<ContactFact> facts = now.extractOutputValues();
      assertThat(facts).extracting(f -> f.kind).containsExactly(FactKind.LEG);
      assertThat(facts.get(0).talkMs).isEqualTo(138_000);
      assertThat(facts.get(0).version).isGreaterThan(1); // above what the earlier release sent
      now.processWatermark(new Watermark(ms(170) + RETENTION.toMillis() + 1));
      // finished and past the retention: forgotten, in the new state and the old ones alike
      assertThat(now.numKeyedStateEntries()).isZero();
      assertThat(now.numEventTimeTimers()).isZero();
    }
  }
}
