package io.ccpulse.simulator.truth;

import static io.ccpulse.simulator.truth.EntityKind.AGENT;
import static io.ccpulse.simulator.truth.EntityKind.AGENT_TIME;
import static io.ccpulse.simulator.truth.EntityKind.QUEUE;
import static io.ccpulse.simulator.truth.EntityKind.TENANT_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.Channel;
import io.ccpulse.simulator.Simulation;
import io.ccpulse.simulator.Simulator;
import io.ccpulse.simulator.scenario.TruthSettings;
import io.ccpulse.simulator.script.WorkedExample;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The truth of {@link WorkedExample}, every figure worked out by hand (see its Javadoc). */
class HandWorkedTruthTest {
  private static final Channel VOICE = Channel.VOICE;
  private static final Channel CHAT = Channel.CHAT;
  private static TruthAssert truth;
  private static List<TruthRow> rows;
  private static List<ContactResolutionTruth> resolutions;

  @BeforeAll
  static void run() {
    Simulation sim =
        Simulator.replay(
            WorkedExample.day(),
            // Agent time in 1-minute rows too (opt-in in the job), so the hand-worked minutes check
            // them.
            TruthSettings.defaults()
                .withAgentTimeIntervals(TruthSettings.DEFAULT_INTERVALS)
                .withAgentIntervals(TruthSettings.DEFAULT_INTERVALS));
    rows = sim.truth();
    resolutions = sim.contactResolutions();
    truth = new TruthAssert(rows, "2026-01-05");
  }

  @Test
  void firstQuarterHourHasTheTwoAnswersAndTheChat() {
    // c4 waited 21 s (outside the 20 s service level), c1 exactly 20 s (inside: the threshold is
    // inclusive).
    truth.row(
        900,
        "08:00:00",
        QUEUE,
        "q1",
        VOICE,
        "entered",
        2,
        "offered",
        2,
        "answered",
        2,
        "wait_answered_ms",
        41_000,
        "wait_max_ms",
        21_000,
        "answered_within_sl",
        1);
    truth.row(
        900,
        "08:00:00",
        TENANT_CHANNEL,
        null,
        VOICE,
        "entered",
        2,
        "offered",
        2,
        "answered",
        2,
        "wait_answered_ms",
        41_000,
        "wait_max_ms",
        21_000,
        "answered_within_sl",
        1);
    truth.noRow(900, "08:00:00", QUEUE, "q2", VOICE);
    truth.noRow(900, "08:00:00", AGENT, "a3", VOICE);
    // c5: 5 s wait; a4's leg 55 s ending in a direct transfer with no wrap-up; a5's leg 230 s talk
    // + 30 s acw.
    truth.row(
        900,
        "08:00:00",
        QUEUE,
        "qc",
        CHAT,
        "handled",
        2,
        "talk_ms",
        285_000,
        "acw_ms",
        30_000,
        "handle_ms",
        315_000,
        "transferred_out",
        1,
        "entered",
        1,
        "offered",
        1,
        "answered",
        1,
        "wait_answered_ms",
        5_000,
        "wait_max_ms",
        5_000,
        "answered_within_sl",
        1);
    truth.row(
        900,
        "08:00:00",
        TENANT_CHANNEL,
        null,
        CHAT,
        "handled",
        2,
        "talk_ms",
        285_000,
        "acw_ms",
        30_000,
        "handle_ms",
        315_000,
        "transferred_out",
        1,
        "entered",
        1,
        "offered",
        1,
        "answered",
        1,
        "wait_answered_ms",
        5_000,
        "wait_max_ms",
        5_000,
        "answered_within_sl",
        1);
    truth.row(
        900,
        "08:00:00",
        AGENT,
        "a4",
        CHAT,
        "handled",
        1,
        "talk_ms",
        55_000,
        "handle_ms",
        55_000,
        "transferred_out",
        1);
    truth.row(
        900,
        "08:00:00",
        AGENT,
        "a5",
        CHAT,
        "handled",
        1,
        "talk_ms",
        230_000,
        "acw_ms",
        30_000,
        "handle_ms",
        260_000);
  }

  @Test
  void secondQuarterHourHasTheLegsTheTransferInAndTheShortAbandon() {
    // c4's wrap-up ends exactly at 08:15:00, which belongs to the later interval.
    truth.row(
        900,
        "08:15:00",
        AGENT,
        "a3",
        VOICE,
        "handled",
        1,
        "talk_ms",
        159_000,
        "acw_ms",
        600_000,
        "handle_ms",
        759_000);
    // c1's first leg: 460 s connected, of which 120 s on hold (the hold spans 08:15 and counts
    // where the leg wraps up).
    truth.row(
        900,
        "08:15:00",
        AGENT,
        "a1",
        VOICE,
        "handled",
        1,
        "talk_ms",
        340_000,
        "hold_ms",
        120_000,
        "acw_ms",
        60_000,
        "handle_ms",
        520_000,
        "hold_count",
        1,
        "held_contacts",
        1,
        "transferred_out",
        1);
    truth.row(
        900,
        "08:15:00",
        AGENT,
        "a2",
        VOICE,
        "handled",
        1,
        "talk_ms",
        375_000,
        "acw_ms",
        90_000,
        "handle_ms",
        465_000);
    // q1: c4's and c1's first legs; c2 and c3 arrive, c2 abandons after 3 s (short); c3's abandon
    // is in the next interval.
    truth.row(
        900,
        "08:15:00",
        QUEUE,
        "q1",
        VOICE,
        "handled",
        2,
        "talk_ms",
        499_000,
        "hold_ms",
        120_000,
        "acw_ms",
        660_000,
        "handle_ms",
        1_279_000,
        "hold_count",
        1,
        "held_contacts",
        1,
        "transferred_out",
        1,
        "entered",
        2,
        "offered",
        1,
        "abandoned",
        1,
        "short_abandoned",
        1,
        "abandon_time_ms",
        3_000);
    // q2: c1 transferred in at 08:18:00, answered after 45 s.
    truth.row(
        900,
        "08:15:00",
        QUEUE,
        "q2",
        VOICE,
        "handled",
        1,
        "talk_ms",
        375_000,
        "acw_ms",
        90_000,
        "handle_ms",
        465_000,
        "transferred_in",
        1,
        "offered",
        1,
        "answered",
        1,
        "wait_answered_ms",
        45_000,
        "wait_max_ms",
        45_000);
    truth.row(
        900,
        "08:15:00",
        TENANT_CHANNEL,
        null,
        VOICE,
        "handled",
        3,
        "talk_ms",
        874_000,
        "hold_ms",
        120_000,
        "acw_ms",
        750_000,
        "handle_ms",
        1_744_000,
        "hold_count",
        1,
        "held_contacts",
        1,
        "transferred_out",
        1,
        "entered",
        2,
        "transferred_in",
        1,
        "offered",
        2,
        "answered",
        1,
        "abandoned",
        1,
        "short_abandoned",
        1,
        "abandon_time_ms",
        3_000,
        "wait_answered_ms",
        45_000,
        "wait_max_ms",
        45_000);
    truth.noRow(900, "08:15:00", TENANT_CHANNEL, null, CHAT);
  }

  /**
   * The conversations (docs/metrics.md §11), in the order they ended; c2 and c3 abandoned with no
   * leg, so they have none.
   */
  @Test
  void everyContactWithACompletedLegIsOneConversation() {
    long day = java.time.Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    assertThat(resolutions)
        .containsExactly(
            // c5: chat queued 08:05:00; a4 08:05:05-08:06:00 (55 s) transfers straight to a5,
            // who handles 08:06:10-08:10:30 (260 s).
            new ContactResolutionTruth(
                "t1",
                "c5",
                CHAT,
                "qc",
                null,
                day + hms(8, 5, 0),
                day + hms(8, 10, 30),
                2,
                1,
                0,
                0,
                315_000,
                false),
            // c4: queued 08:02:00, answered 08:02:21, wrap-up ends 08:15:00 (759 s handled).
            new ContactResolutionTruth(
                "t1",
                "c4",
                VOICE,
                "q1",
                null,
                day + hms(8, 2, 0),
                day + hms(8, 15, 0),
                1,
                0,
                0,
                0,
                759_000,
                false),
            // c1: queued 08:10:00 in q1; a1 08:10:20-08:19:00 (520 s, a 2-minute hold),
            // transferred to q2; a2 08:18:45-08:26:30 (465 s). 16.5 minutes from entry to the end.
            new ContactResolutionTruth(
                "t1",
                "c1",
                VOICE,
                "q1",
                "cust-1",
                day + hms(8, 10, 0),
                day + hms(8, 26, 30),
                2,
                1,
                1,
                120_000,
                985_000,
                false));
    assertThat(resolutions.get(2).resolutionMs()).isEqualTo(990_000);
  }

  private static long hms(int h, int m, int s) {
    return ((h * 60L + m) * 60 + s) * 1000;
  }

  @Test
  void thirdQuarterHourHasTheLongAbandonAndTheSurvey() {
    truth.row(
        900,
        "08:30:00",
        QUEUE,
        "q1",
        VOICE,
        "offered",
        1,
        "abandoned",
        1,
        "abandon_time_ms",
        60_000);
    truth.row(
        900,
        "08:30:00",
        QUEUE,
        "q2",
        VOICE,
        "csat_responses",
        1,
        "csat_sum",
        5,
        "csat_satisfied",
        1,
        "nps_responses",
        1,
        "nps_promoters",
        1);
    truth.row(
        900,
        "08:30:00",
        AGENT,
        "a2",
        VOICE,
        "csat_responses",
        1,
        "csat_sum",
        5,
        "csat_satisfied",
        1,
        "nps_responses",
        1,
        "nps_promoters",
        1);
    truth.row(
        900,
        "08:30:00",
        TENANT_CHANNEL,
        null,
        VOICE,
        "offered",
        1,
        "abandoned",
        1,
        "abandon_time_ms",
        60_000,
        "csat_responses",
        1,
        "csat_sum",
        5,
        "csat_satisfied",
        1,
        "nps_responses",
        1,
        "nps_promoters",
        1);
  }

  @Test
  void agentTimeIsSplitByWallTime() {
    truth.row(
        900,
        "08:00:00",
        AGENT_TIME,
        "a1",
        null,
        "logged_in_ms",
        900_000,
        "available_ms",
        870_000,
        "busy_ms",
        280_000,
        "available_idle_ms",
        590_000);
    truth.row(
        900,
        "08:15:00",
        AGENT_TIME,
        "a1",
        null,
        "logged_in_ms",
        900_000,
        "available_ms",
        900_000,
        "busy_ms",
        240_000,
        "available_idle_ms",
        660_000);
    truth.row(
        900,
        "08:30:00",
        AGENT_TIME,
        "a1",
        null,
        "logged_in_ms",
        600_000,
        "available_ms",
        600_000,
        "available_idle_ms",
        600_000);
    truth.row(
        900,
        "08:15:00",
        AGENT_TIME,
        "a2",
        null,
        "logged_in_ms",
        900_000,
        "available_ms",
        900_000,
        "busy_ms",
        465_000,
        "available_idle_ms",
        435_000);
    // a2's break 08:30–08:35 is logged in but not available.
    truth.row(
        900,
        "08:30:00",
        AGENT_TIME,
        "a2",
        null,
        "logged_in_ms",
        600_000,
        "available_ms",
        300_000,
        "available_idle_ms",
        300_000);
    truth.row(
        900,
        "08:00:00",
        AGENT_TIME,
        "a3",
        null,
        "logged_in_ms",
        900_000,
        "available_ms",
        890_000,
        "busy_ms",
        759_000,
        "available_idle_ms",
        131_000);
    truth.row(
        900,
        "08:15:00",
        AGENT_TIME,
        "a3",
        null,
        "logged_in_ms",
        300_000,
        "available_ms",
        300_000,
        "available_idle_ms",
        300_000);
    truth.noRow(900, "08:30:00", AGENT_TIME, "a3", null);
    truth.row(
        900,
        "08:00:00",
        AGENT_TIME,
        "a5",
        null,
        "logged_in_ms",
        900_000,
        "available_ms",
        900_000,
        "busy_ms",
        260_000,
        "available_idle_ms",
        640_000);
  }

  @Test
  void oneMinuteIntervalsPlaceEachFigureInItsMinute() {
    truth.row(
        60,
        "08:10:00",
        QUEUE,
        "q1",
        VOICE,
        "entered",
        1,
        "offered",
        1,
        "answered",
        1,
        "wait_answered_ms",
        20_000,
        "wait_max_ms",
        20_000,
        "answered_within_sl",
        1);
    truth.row(
        60,
        "08:15:00",
        AGENT,
        "a3",
        VOICE,
        "handled",
        1,
        "talk_ms",
        159_000,
        "acw_ms",
        600_000,
        "handle_ms",
        759_000);
    truth.noRow(60, "08:14:00", AGENT, "a3", VOICE);
    truth.row(
        60,
        "08:19:00",
        AGENT,
        "a1",
        VOICE,
        "handled",
        1,
        "talk_ms",
        340_000,
        "hold_ms",
        120_000,
        "acw_ms",
        60_000,
        "handle_ms",
        520_000,
        "hold_count",
        1,
        "held_contacts",
        1,
        "transferred_out",
        1);
    truth.noRow(60, "08:15:00", AGENT, "a1", VOICE);
    // During the hold a1 is busy for the whole minute.
    truth.row(
        60,
        "08:14:00",
        AGENT_TIME,
        "a1",
        null,
        "logged_in_ms",
        60_000,
        "available_ms",
        60_000,
        "busy_ms",
        60_000);
    truth.row(
        60,
        "08:20:00",
        QUEUE,
        "q1",
        VOICE,
        "entered",
        1,
        "offered",
        1,
        "abandoned",
        1,
        "short_abandoned",
        1,
        "abandon_time_ms",
        3_000);
  }

  @Test
  void onlyIntervalsWithDataHaveRows() {
    assertThat(rows).allMatch(TruthRow::hasData);
    assertThat(rows).isSortedAccordingTo(TruthRow.ORDER);
    long quarterRows = rows.stream().filter(r -> r.intervalSize().toSeconds() == 900).count();
    // 08:00: q1, qc, t1/VOICE, t1/CHAT, a4, a5 and 5 agent times; 08:15: a1, a2, a3, q1, q2,
    // t1/VOICE and 5 agent
    // times; 08:30: q1, q2, a2, t1/VOICE and 4 agent times (a3 logged out at 08:20).
    assertThat(quarterRows).isEqualTo(11 + 11 + 8);
  }
}
