package io.ccpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.events.SurveyEvent;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.interval.EntityKind;
import io.ccpulse.pipeline.interval.IntervalFigures;
import io.ccpulse.pipeline.interval.IntervalRow;
import io.ccpulse.pipeline.source.RejectedEvent;
import io.ccpulse.pipeline.testing.CollectingSinks;
import io.ccpulse.pipeline.testing.ScriptedSources;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole graph on a short morning worked out by hand: a hold across a 15-minute boundary, a
 * transfer chain across two queues, a short and a long abandon, an answer exactly at the
 * service-level threshold, a duplicate, out-of-order delivery inside the bound, a late contact that
 * corrects a closed interval, a late hold that changes a completed leg, a too-late contact, and a
 * leg that never completes.
 */
class HandWorkedDayTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final CollectingSinks SINKS = new CollectingSinks();
  private static int eventNo;

  @BeforeAll
  static void runTheMorning() throws Exception {
    InteractionEvent i1Answered =
        c("i-1", "09:00:20", InteractionType.ANSWERED).setAgentId("a-1").build();
    ScriptedSources sources =
        new ScriptedSources()
            .interactions(
                c("i-1", "09:00:00", InteractionType.QUEUED).setQueueId("billing").build(),
                i1Answered,
                i1Answered, // the second is a duplicate (same event_id)
                c("i-1", "09:14:00", InteractionType.HOLD_STARTED).setAgentId("a-1").build(),
                // i-2 delivered out of order: answered before it was queued, inside the bound.
                c("i-2", "09:01:10", InteractionType.ANSWERED).setAgentId("a-2").build(),
                c("i-2", "09:01:00", InteractionType.QUEUED).setQueueId("sales").build(),
                c("i-2", "09:03:10", InteractionType.TRANSFERRED)
                    .setAgentId("a-2")
                    .setTargetQueueId("billing")
                    .build(),
                c("i-2", "09:03:10", InteractionType.QUEUED).setQueueId("billing").build(),
                c("i-2", "09:03:40", InteractionType.WRAPUP_ENDED).setAgentId("a-2").build(),
                c("i-2", "09:04:00", InteractionType.ANSWERED).setAgentId("a-3").build(),
                c("i-2", "09:06:00", InteractionType.TALK_ENDED).setAgentId("a-3").build(),
                c("i-2", "09:06:30", InteractionType.WRAPUP_ENDED).setAgentId("a-3").build(),
                c("i-3", "09:02:00", InteractionType.QUEUED).setQueueId("billing").build(),
                c("i-3", "09:02:03", InteractionType.ABANDONED)
                    .setQueueId("billing")
                    .build(), // short
                c("i-4", "09:05:00", InteractionType.QUEUED).setQueueId("billing").build(),
                c("i-4", "09:06:00", InteractionType.ABANDONED)
                    .setQueueId("billing")
                    .build(), // long
                c("i-7", "09:08:00", InteractionType.QUEUED).setQueueId("billing").build(),
                c("i-7", "09:08:05", InteractionType.ANSWERED)
                    .setAgentId("a-4")
                    .build(), // never completes
                c("i-1", "09:16:00", InteractionType.HOLD_ENDED).setAgentId("a-1").build())
            .watermark(at("09:16:00")) // closes 09:00–09:15
            .interactions(
                // i-5 comes 4 minutes late: applied, and 09:00–09:15 is emitted again, corrected.
                c("i-5", "09:12:00", InteractionType.QUEUED).setQueueId("billing").build(),
                c("i-5", "09:12:10", InteractionType.ANSWERED).setAgentId("a-5").build(),
                // i-6 comes 11 minutes late: beyond the 5-minute lateness, rejected.
                c("i-6", "09:05:00", InteractionType.QUEUED).setQueueId("billing").build(),
                c("i-6", "09:05:30", InteractionType.ABANDONED).setQueueId("billing").build(),
                c("i-1", "09:17:00", InteractionType.TALK_ENDED).setAgentId("a-1").build(),
                c("i-1", "09:18:00", InteractionType.WRAPUP_ENDED).setAgentId("a-1").build(),
                c("i-5", "09:20:00", InteractionType.TALK_ENDED).setAgentId("a-5").build(),
                c("i-5", "09:21:00", InteractionType.WRAPUP_ENDED).setAgentId("a-5").build(),
                // i-8's HOLD_STARTED is held up past its HOLD_ENDED and the end of the leg.
                c("i-8", "09:20:00", InteractionType.QUEUED).setQueueId("support").build(),
                c("i-8", "09:20:05", InteractionType.ANSWERED).setAgentId("a-6").build(),
                c("i-8", "09:21:00", InteractionType.HOLD_ENDED).setAgentId("a-6").build(),
                c("i-8", "09:22:00", InteractionType.TALK_ENDED).setAgentId("a-6").build(),
                c("i-8", "09:22:30", InteractionType.WRAPUP_ENDED).setAgentId("a-6").build())
            .watermark(at("09:24:00")) // closes the 09:22 minute with i-8's leg in it, hold-less
            .interactions(
                c("i-8", "09:20:30", InteractionType.HOLD_STARTED).setAgentId("a-6").build())
            .surveys(
                SurveyEvent.newBuilder()
                    .setEventId("s-1")
                    .setTenantId("acme")
                    .setInteractionId("i-1")
                    .setChannel(Channel.VOICE)
                    .setAgentId("a-1")
                    .setQueueId("billing")
                    .setCsat(2)
                    .setOccurredAt(Instant.ofEpochMilli(at("09:30:00")))
                    .build());

    // Agents' 1-minute rows too (off by default): the hold below is checked in one.
    PipelineConfig config =
        PipelineConfig.defaults()
            .with(Map.of("metrics.leg-timeout", "1h", "metrics.agent-intervals", "1min,15min"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    new PipelineJob(config, sources, SINKS).buildMetrics(env);
    env.execute("hand-worked day");
  }

  /**
   * Each conversation with a completed leg, once, as it was finally (i-8 with its late hold); i-3
   * and i-4 abandoned, i-6 was too late and i-7's leg never completed: no conversation.
   */
  @Test
  void everyConversationWithACompletedLegOnceWithItsLateHold() {
    assertThat(SINKS.resolutions())
        .extracting(
            r ->
                String.format(
                    "%s %s %ds legs=%d transfers=%d holds=%d/%ds handle=%ds",
                    r.interactionId,
                    r.queueId,
                    r.resolutionMs() / 1000,
                    r.legs,
                    r.transfers,
                    r.holds,
                    r.holdMs / 1000,
                    r.handleMs / 1000))
        .containsExactlyInAnyOrder(
            // 09:00:00 queued .. 09:18:00 wrap-up; answered 09:00:20, a 2-minute hold.
            "i-1 billing 1080s legs=1 transfers=0 holds=1/120s handle=1060s",
            // sales 09:01:00; a-2 09:01:10-09:03:40 transfers to billing; a-3 09:04:00-09:06:30.
            "i-2 sales 330s legs=2 transfers=1 holds=0/0s handle=300s",
            "i-5 billing 540s legs=1 transfers=0 holds=0/0s handle=530s",
            // 09:20:00 .. 09:22:30, the late HOLD_STARTED 09:20:30 to 09:21:00 in it.
            "i-8 support 150s legs=1 transfers=0 holds=1/30s handle=145s");
  }

  @Test
  void billingsFirstQuarterHourAfterTheLateCorrection() {
    List<IntervalRow> emissions = rows(EntityKind.QUEUE, "billing", 900, "09:00:00");
    // On time, then once for each late fact of i-5 (its arrival, then its answer).
    assertThat(emissions).hasSize(3);
    assertThat(emissions).extracting(r -> r.version).doesNotHaveDuplicates();
    assertThat(emissions).extracting(r -> r.figures.answered).containsExactly(3L, 3L, 4L);
    assertThat(emissions).extracting(r -> r.figures.entered).containsExactly(4L, 5L, 5L);

    IntervalFigures f = emissions.get(2).figures;
    assertThat(f.entered).isEqualTo(5); // i-1, i-3, i-4, i-5, i-7
    assertThat(f.transferredIn).isEqualTo(1); // i-2 from sales
    assertThat(f.offered).isEqualTo(6);
    assertThat(f.answered).isEqualTo(4); // i-1 20 s, i-2 50 s, i-5 10 s, i-7 5 s
    assertThat(f.answeredWithinSl).isEqualTo(3); // 20 s is at the threshold: within
    assertThat(f.waitAnsweredMs).isEqualTo(85_000);
    assertThat(f.waitMaxMs).isEqualTo(50_000);
    assertThat(f.abandoned).isEqualTo(2);
    assertThat(f.shortAbandoned).isEqualTo(1); // i-3 after 3 s
    assertThat(f.abandonTimeMs).isEqualTo(63_000);
    assertThat(f.serviceLevel()).isEqualTo(3.0 / 5);
    assertThat(f.abandonRate()).isEqualTo(1.0 / 5);
    // One leg wrapped up here: a-3's, 120 s talk and 30 s wrap-up.
    assertThat(f.handled).isEqualTo(1);
    assertThat(f.talkMs).isEqualTo(120_000);
    assertThat(f.acwMs).isEqualTo(30_000);
    assertThat(f.transferredOut).isZero();
  }

  @Test
  void aHoldAcrossTheBoundaryCountsWhereTheLegWrapsUp() {
    IntervalFigures f = last(EntityKind.QUEUE, "billing", 900, "09:15:00").figures;
    assertThat(f.handled).isEqualTo(2); // i-1 (a-1) and i-5 (a-5)
    // i-1: connected 09:00:20–09:17:00 = 1000 s, 120 s of it on hold; i-5: 09:12:10–09:20:00 = 470
    // s.
    assertThat(f.talkMs).isEqualTo(880_000 + 470_000);
    assertThat(f.holdMs).isEqualTo(120_000);
    assertThat(f.holdCount).isEqualTo(1);
    assertThat(f.heldContacts).isEqualTo(1);
    assertThat(f.acwMs).isEqualTo(120_000);
    assertThat(f.offered).isZero();

    IntervalFigures minute = last(EntityKind.AGENT, "a-1", 60, "09:18:00").figures;
    assertThat(minute.handled).isEqualTo(1);
    assertThat(minute.holdMs).isEqualTo(120_000);
  }

  @Test
  void theTransferredLegCountsInTheFirstQueue() {
    IntervalFigures sales = last(EntityKind.QUEUE, "sales", 900, "09:00:00").figures;
    assertThat(sales.entered).isEqualTo(1);
    assertThat(sales.answered).isEqualTo(1);
    assertThat(sales.answeredWithinSl).isEqualTo(1);
    assertThat(sales.handled).isEqualTo(1);
    assertThat(sales.transferredOut).isEqualTo(1);
    assertThat(sales.talkMs).isEqualTo(120_000);
    assertThat(sales.acwMs).isEqualTo(30_000);

    IntervalFigures voice = last(EntityKind.TENANT_CHANNEL, "VOICE", 900, "09:00:00").figures;
    assertThat(voice.entered).isEqualTo(6);
    assertThat(voice.transferredIn).isEqualTo(1);
    assertThat(voice.offered).isEqualTo(7);
    assertThat(voice.handled).isEqualTo(2);
  }

  @Test
  void theTooLateContactIsRejectedAndTheOpenLegClosedAsIncomplete() {
    List<RejectedEvent> rejected = SINKS.rejected();
    assertThat(rejected).extracting(r -> r.reason).containsOnly("TOO_LATE");
    assertThat(rejected)
        .extracting(r -> r.eventType)
        .containsExactlyInAnyOrder("InteractionEvent.QUEUED", "InteractionEvent.ABANDONED");
    assertThat(rejected).allSatisfy(r -> assertThat(r.detail).contains("behind the watermark"));

    IntervalFigures incomplete = last(EntityKind.AGENT, "a-4", 900, "10:00:00").figures;
    assertThat(incomplete.incompleteLegs).isEqualTo(1); // 09:08:05 + 1 h
    assertThat(incomplete.handled).isZero();
  }

  @Test
  void aLateHoldRetractsTheLegItChangedAndCorrectsItsMinute() {
    List<IntervalRow> minute = rows(EntityKind.QUEUE, "support", 60, "09:22:00");
    // Written without the hold, taken back, written again with it.
    assertThat(minute).extracting(r -> r.figures.handled).containsExactly(1L, 0L, 1L);
    IntervalFigures corrected = minute.get(2).figures;
    assertThat(corrected.holdMs).isEqualTo(30_000);
    assertThat(corrected.holdCount).isEqualTo(1);
    assertThat(corrected.talkMs).isEqualTo(115_000 - 30_000);
    assertThat(corrected.acwMs).isEqualTo(30_000);
    assertThat(last(EntityKind.QUEUE, "support", 900, "09:15:00").figures.holdMs).isEqualTo(30_000);
    assertThat(SINKS.rejected()).noneMatch(r -> r.reason.equals("IMPOSSIBLE_TRANSITION"));
  }

  @Test
  void aSurveyCountsForItsAgentAndQueue() {
    IntervalFigures agent = last(EntityKind.AGENT, "a-1", 900, "09:30:00").figures;
    assertThat(agent.csatResponses).isEqualTo(1);
    assertThat(agent.csatSum).isEqualTo(2);
    assertThat(agent.csatSatisfied).isZero();
    assertThat(last(EntityKind.QUEUE, "billing", 900, "09:30:00").figures.csatResponses)
        .isEqualTo(1);
  }

  private static List<IntervalRow> rows(
      EntityKind kind, String entity, long sizeSeconds, String start) {
    return SINKS.intervals().stream()
        .filter(
            r ->
                r.kind == kind
                    && r.entityId.equals(entity)
                    && r.intervalSizeSeconds == sizeSeconds
                    && r.intervalStart == at(start))
        .sorted(Comparator.comparingLong(r -> r.version))
        .toList();
  }

  private static IntervalRow last(EntityKind kind, String entity, long sizeSeconds, String start) {
    List<IntervalRow> emitted = rows(kind, entity, sizeSeconds, start);
    assertThat(emitted).as("%s %s %ss at %s", kind, entity, sizeSeconds, start).isNotEmpty();
    return emitted.get(emitted.size() - 1);
  }

  private static long at(String hhmmss) {
    return Instant.parse("2026-01-05T" + hhmmss + "Z").toEpochMilli();
  }

  private static InteractionEvent.Builder c(
      String interaction, String hhmmss, InteractionType type) {
    return InteractionEvent.newBuilder()
        .setEventId("e-" + (++eventNo))
        .setTenantId("acme")
        .setInteractionId(interaction)
        .setCustomerId("c-" + interaction)
        .setChannel(Channel.VOICE)
        .setType(type)
        .setOccurredAt(Instant.ofEpochMilli(at(hhmmss)));
  }
}
