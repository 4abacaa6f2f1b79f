package io.ccpulse.pipeline.burnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.config.PipelineConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each indicator on a hand-worked shift, with the default settings. */
class ShiftTrackerTest {
  private static final int VOICE = Channel.VOICE.ordinal();
  private static final int CHAT = Channel.CHAT.ordinal();
  private final BurnoutSettings settings = BurnoutSettings.from(PipelineConfig.defaults());
  private final ShiftTracker tracker = new ShiftTracker(settings);
  private ShiftState shift;

  static long at(String hhmmss) {
    return Instant.parse("2026-01-05T" + hhmmss + "Z").toEpochMilli();
  }

  private void login(String hhmmss) {
    shift = tracker.start("acme", "a-1", at(hhmmss));
    tracker.presence(shift, AgentState.LOGGED_IN, at(hhmmss));
    presence(hhmmss, AgentState.AVAILABLE);
  }

  private void presence(String hhmmss, AgentState state) {
    tracker.advance(shift, at(hhmmss));
    tracker.presence(shift, state, at(hhmmss));
  }

  /** A voice contact from start to end (answered to wrap-up), completed. */
  private void contact(long start, long end, boolean demanding) {
    tracker.advance(shift, start);
    tracker.contactOpened(shift, start, +1);
    tracker.advance(shift, end);
    tracker.contactClosed(shift, end, +1);
    tracker.legCompleted(shift, VOICE, end - start, demanding, +1);
  }

  private double[] judge(String hhmmss) {
    return judge(hhmmss, new Baseline());
  }

  private double[] judge(String hhmmss, Baseline baseline) {
    tracker.advance(shift, at(hhmmss));
    return tracker.indicators(shift, at(hhmmss), baseline);
  }

  private static double value(double[] v, Factor f) {
    return v[f.ordinal()];
  }

  @Test
  void ninetyFivePercentOccupancyForTwoHours() {
    login("09:00:00");
    for (int i = 0; i < 6; i++) { // 19 minutes on a contact, 1 minute waiting, six times
      long start = at("09:01:00") + i * 20 * 60_000L;
      contact(start, start + 19 * 60_000L, false);
    }
    double[] v = judge("11:00:00");
    assertThat(value(v, Factor.OCCUPANCY_ROLLING)).isCloseTo(57.0 / 60, within(1e-9));
    assertThat(value(v, Factor.OCCUPANCY_SHIFT)).isCloseTo(114.0 / 120, within(1e-9));
    assertThat(Assessment.of(v, settings).factors())
        .extracting(Contribution::factor)
        .containsExactly(Factor.OCCUPANCY_ROLLING, Factor.OCCUPANCY_SHIFT);
  }

  @Test
  void rollingOccupancyForgetsTheFirstHourAndIgnoresBreaks() {
    login("09:00:00");
    contact(at("09:00:00"), at("10:00:00"), false); // a busy first hour
    double[] afterAnIdleHour = judge("11:00:00");
    assertThat(value(afterAnIdleHour, Factor.OCCUPANCY_ROLLING)).isZero();
    assertThat(value(afterAnIdleHour, Factor.OCCUPANCY_SHIFT)).isEqualTo(0.5);
    presence("11:00:00", AgentState.BREAK);
    double[] onBreak = judge("11:45:00"); // only 15 min of work time in the window: not judged
    assertThat(value(onBreak, Factor.OCCUPANCY_ROLLING)).isNaN();
  }

  @Test
  void anElevenHourShiftWithOneBreak() {
    login("07:00:00");
    presence("10:00:00", AgentState.BREAK);
    presence("10:15:00", AgentState.AVAILABLE);
    presence("14:00:00", AgentState.NOT_READY); // a pause, not a break
    presence("14:03:00", AgentState.AVAILABLE);
    double[] v = judge("18:00:00");
    assertThat(value(v, Factor.LOGGED_IN)).isEqualTo(11.0);
    assertThat(value(v, Factor.SINCE_BREAK)).isEqualTo(7.75);
    assertThat(value(v, Factor.BREAKS_MISSED)).isEqualTo(2); // 3 expected in 11 h, 1 taken
    assertThat(Assessment.of(v, settings).factors())
        .extracting(Contribution::factor)
        .containsExactly(Factor.LOGGED_IN, Factor.SINCE_BREAK, Factor.BREAKS_MISSED);
  }

  @Test
  void aBreakCountsOnceItIsLongEnoughAndResetsTheClock() {
    login("08:00:00");
    presence("10:50:00", AgentState.BREAK);
    presence("10:55:00", AgentState.AVAILABLE); // 5 minutes: too short to count
    assertThat(value(judge("11:00:00"), Factor.SINCE_BREAK)).isEqualTo(3.0);
    assertThat(value(judge("11:00:00"), Factor.BREAKS_MISSED)).isEqualTo(1);
    presence("11:00:00", AgentState.MEAL);
    assertThat(value(judge("11:05:00"), Factor.SINCE_BREAK)).isZero();
    assertThat(value(judge("11:10:00"), Factor.BREAKS_MISSED))
        .as("a meal under way counts once long enough")
        .isZero();
    presence("11:30:00", AgentState.AVAILABLE);
    assertThat(value(judge("12:30:00"), Factor.SINCE_BREAK)).isEqualTo(1.0);
  }

  @Test
  void fourteenContactsBackToBack() {
    login("09:00:00");
    long start = at("09:00:10");
    for (int i = 0; i < 14; i++) { // 5 minutes each, the next 10 s after the last ends
      contact(start, start + 300_000, false);
      start += 310_000;
    }
    start += 60_000; // a minute's gap ends the run
    contact(start, start + 300_000, false);
    double[] v = judge("11:00:00");
    assertThat(value(v, Factor.BACK_TO_BACK)).isEqualTo(14);
    assertThat(shift.run).isEqualTo(1);
    assertThat(Assessment.of(v, settings).factors())
        .extracting(Contribution::factor)
        .contains(Factor.BACK_TO_BACK);
  }

  @Test
  void overlappingChatsContinueARun() {
    login("09:00:00");
    tracker.advance(shift, at("09:01:00"));
    tracker.contactOpened(shift, at("09:01:00"), +1);
    tracker.advance(shift, at("09:02:00"));
    tracker.contactOpened(shift, at("09:02:00"), +1);
    tracker.advance(shift, at("09:05:00"));
    tracker.contactClosed(shift, at("09:05:00"), +1);
    tracker.advance(shift, at("09:06:00"));
    tracker.contactOpened(shift, at("09:06:00"), +1);
    assertThat(shift.longestRun).isEqualTo(3);
    assertThat(shift.openLegs).isEqualTo(2);
  }

  @Test
  void handleTimeFortyPercentAboveTheAgentsBaseline() {
    Baseline baseline = new Baseline();
    long[] week = new long[Baseline.SIZE];
    week[VOICE] = 40;
    week[Baseline.CHANNELS + VOICE] = 40 * 300_000L; // 300 s usual
    baseline.add(week);
    login("09:00:00");
    long start = at("09:00:00");
    for (int i = 0; i < 10; i++) {
      contact(start, start + 420_000, false); // 420 s: 40 % above
      start += 480_000;
    }
    double[] v = judge("11:00:00", baseline);
    assertThat(value(v, Factor.HANDLE_DRIFT)).isCloseTo(0.40, within(1e-9));
    assertThat(Assessment.of(v, settings).factors())
        .extracting(Contribution::factor)
        .contains(Factor.HANDLE_DRIFT);
  }

  @Test
  void rushingCountsAsDriftToo() {
    Baseline baseline = new Baseline();
    long[] week = new long[Baseline.SIZE];
    week[VOICE] = 40;
    week[Baseline.CHANNELS + VOICE] = 40 * 300_000L;
    baseline.add(week);
    login("09:00:00");
    long start = at("09:00:00");
    for (int i = 0; i < 10; i++) {
      contact(start, start + 180_000, false); // 40 % below
      start += 240_000;
    }
    double[] v = judge("10:00:00", baseline);
    assertThat(value(v, Factor.HANDLE_DRIFT)).isCloseTo(-0.40, within(1e-9));
    assertThat(Factor.HANDLE_DRIFT.over(-0.40, 0.25)).isTrue();
    assertThat(value(judge("10:00:00"), Factor.HANDLE_DRIFT)).as("no baseline: not judged").isNaN();
  }

  @Test
  void demandingContactsLongTransferredOrPoorlyRated() {
    login("09:00:00");
    assertThat(tracker.demanding(460_000, false, 300_000))
        .isTrue(); // above 1.5 × the queue's 300 s
    assertThat(tracker.demanding(440_000, false, 300_000)).isFalse();
    assertThat(tracker.demanding(100_000, true, 300_000)).isTrue();
    assertThat(tracker.demanding(900_000, false, 0)).as("queue usual unknown").isFalse();
    long start = at("09:00:00");
    for (int i = 0; i < 10; i++) {
      contact(start, start + 200_000, i < 4); // 4 long or transferred
      start += 300_000;
    }
    tracker.survey(shift, 2);
    tracker.survey(shift, 4);
    assertThat(value(judge("10:00:00"), Factor.DEMANDING_SHARE)).isEqualTo(0.5);
    tracker.legCompleted(shift, VOICE, 200_000, true, -1); // a retraction takes one back
    assertThat(value(judge("10:00:00"), Factor.DEMANDING_SHARE))
        .isNaN(); // 9 handled: too few to judge
  }

  @Test
  void chatConcurrencyAboveTheAgentsUsual() {
    Baseline baseline = new Baseline();
    long[] week = new long[Baseline.SIZE];
    week[2 * Baseline.CHANNELS] = 7_200_000; // 2 h busy
    week[2 * Baseline.CHANNELS + 1] = 10_800_000; // 1.5 chats open on average
    baseline.add(week);
    login("09:00:00");
    tracker.advance(shift, at("09:00:00"));
    tracker.contactOpened(shift, at("09:00:00"), +1);
    tracker.contactOpened(shift, at("09:00:00"), +1);
    tracker.advance(shift, at("10:00:00"));
    tracker.contactClosed(shift, at("10:00:00"), +1);
    tracker.contactClosed(shift, at("10:00:00"), +1);
    tracker.legCompleted(shift, CHAT, 3_600_000, false, +1);
    tracker.legCompleted(shift, CHAT, 3_600_000, false, +1);
    double[] v = judge("10:00:00", baseline);
    assertThat(value(v, Factor.CONCURRENCY)).isCloseTo(2.0 / 1.5, within(1e-9));
    assertThat(Assessment.of(v, settings).factors())
        .extracting(Contribution::factor)
        .contains(Factor.CONCURRENCY);
  }
}
