package io.ccpulse.pipeline.burnout;

import static io.ccpulse.pipeline.burnout.Inputs.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccpulse.events.AgentState;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BurnoutAssessorTest {
  private final BurnoutSettings settings = BurnoutSettings.from(PipelineConfig.defaults());
  private KeyedOneInputStreamOperatorTestHarness<TenantKey, BurnoutInput, BurnoutRow> harness;

  private void open(Duration lateness, OperatorSubtaskState restored) throws Exception {
    if (harness != null) {
      harness.close();
    }
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new BurnoutAssessor(settings, lateness, Duration.ofDays(1))),
            BurnoutInput::key,
            TypeInformation.of(TenantKey.class));
    if (restored != null) {
      harness.initializeState(restored);
    }
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void send(BurnoutInput... inputs) throws Exception {
    for (BurnoutInput in : inputs) {
      harness.processElement(new StreamRecord<>(in, in.at));
    }
  }

  private List<BurnoutRow> rows() {
    return harness.extractOutputValues();
  }

  private List<LevelChange> changes() {
    var side = harness.getSideOutput(BurnoutAssessor.LEVEL_CHANGES);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  private BurnoutRow row(long assessedAt) {
    return rows().stream()
        .filter(r -> r.assessedAt == assessedAt)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no row at " + assessedAt + " in " + rows()));
  }

  @Test
  void anElevenHourShiftWithOneBreakRisesToHighAndLeavesOnlyTheBaseline() throws Exception {
    open(Duration.ZERO, null);
    send(
        Inputs.presence(at("05", "07:00"), AgentState.LOGGED_IN),
        Inputs.presence(at("05", "07:01"), AgentState.AVAILABLE),
        Inputs.presence(at("05", "10:00"), AgentState.BREAK),
        Inputs.presence(at("05", "10:15"), AgentState.AVAILABLE),
        Inputs.presence(at("05", "18:00"), AgentState.LOGGED_OUT));
    harness.processWatermark(new Watermark(at("05", "18:30")));

    assertThat(rows())
        .hasSize(44); // 07:15 … 18:00, one per quarter hour; the logout is on a boundary
    assertThat(rows()).extracting(r -> r.intervalStart).doesNotHaveDuplicates();
    BurnoutRow at1300 = row(at("05", "13:00"));
    assertThat(at1300.value(Factor.SINCE_BREAK)).isEqualTo(2.75);
    assertThat(at1300.value(Factor.BREAKS_MISSED))
        .isEqualTo(1); // 2 expected by 13:00 (6 h), 1 taken
    assertThat(at1300.level).isEqualTo(Level.LOW);
    BurnoutRow last = row(at("05", "18:00"));
    assertThat(last.intervalStart).isEqualTo(at("05", "17:45"));
    assertThat(last.value(Factor.LOGGED_IN)).isEqualTo(11.0);
    assertThat(last.score).isEqualTo(65);
    assertThat(last.level).isEqualTo(Level.HIGH);
    assertThat(new ObjectMapper().readTree(last.factors).findValuesAsText("factor"))
        .contains("logged_in_h", "since_break_h", "breaks_missed")
        .noneMatch(f -> f.startsWith("occupancy"));

    assertThat(changes())
        .extracting(c -> c.at)
        .containsExactly(at("05", "14:00"), at("05", "16:15"));
    assertThat(changes()).extracting(c -> c.to).containsExactly(Level.ELEVATED, Level.HIGH);
    // 14:00: 3.75 h since the break. 16:15: over 9 h logged in, and a second break missed (3
    // expected by 9 h).
    assertThat(changes().get(0).toJson())
        .isEqualTo(
            "{\"tenant_id\":\"acme\",\"agent_id\":\"a-1\","
                + "\"at\":\"2026-01-05T14:00:00Z\",\"from\":\"LOW\",\"to\":\"ELEVATED\",\"score\":35,\"factors\":"
                + "[{\"factor\":\"since_break_h\",\"value\":3.7500,\"threshold\":3.5000,\"weight\":35}]}");
    assertThat(changes().get(1).from).isEqualTo(Level.ELEVATED);
    assertThat(harness.numKeyedStateEntries())
        .as("the baseline day and the duplicate ids (both TTL)")
        .isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).as("the baseline day's expiry").isEqualTo(1);
  }

  @Test
  void aRetractionCancelsTheLegItTakesBackAndALaterOneIsSubtracted() throws Exception {
    open(Duration.ofMinutes(5), null);
    BurnoutInput first = Inputs.leg(at("05", "09:05"), "i-1", 240_000, false);
    send(
        Inputs.presence(at("05", "09:00"), AgentState.AVAILABLE),
        Inputs.opened(at("05", "09:01"), "i-1"),
        first);
    harness.processWatermark(new Watermark(at("05", "09:08")));
    // A late hold changed the leg: the old one taken back, the corrected one sent, still within the
    // lateness.
    BurnoutInput corrected = Inputs.leg(at("05", "09:05"), "i-1", 270_000, true);
    send(Inputs.retraction(first), corrected);
    harness.processWatermark(new Watermark(at("05", "09:20")));
    BurnoutRow q0915 = row(at("05", "09:15"));
    assertThat(q0915.contacts).isEqualTo(1);
    assertThat(q0915.value(Factor.OCCUPANCY_SHIFT)).isNaN(); // 15 minutes: too little to judge

    send(Inputs.retraction(corrected)); // behind the clock now: subtracted where it is
    harness.processWatermark(new Watermark(at("05", "09:35")));
    assertThat(row(at("05", "09:30")).contacts).isZero();
  }

  @Test
  void theBaselineSurvivesARestartAndShowsHandleTimeFortyPercentAbove() throws Exception {
    open(Duration.ZERO, null);
    send(Inputs.presence(at("05", "08:00"), AgentState.AVAILABLE));
    long t = at("05", "08:00");
    for (int i = 0; i < 40; i++) { // Monday: 40 calls of 300 s
      send(Inputs.opened(t, "m-" + i), Inputs.leg(t + 300_000, "m-" + i, 300_000, false));
      t += 360_000;
    }
    send(Inputs.presence(t, AgentState.LOGGED_OUT));
    harness.processWatermark(new Watermark(t));
    OperatorSubtaskState snapshot = harness.snapshot(1, t);

    open(Duration.ZERO, snapshot); // a restart from the checkpoint
    send(Inputs.presence(at("06", "08:00"), AgentState.AVAILABLE));
    t = at("06", "08:00");
    for (int i = 0; i < 10; i++) { // Tuesday: 420 s each
      send(Inputs.opened(t, "t-" + i), Inputs.leg(t + 420_000, "t-" + i, 420_000, false));
      t += 480_000;
    }
    harness.processWatermark(new Watermark(at("06", "09:30")));
    BurnoutRow row = row(at("06", "09:30"));
    assertThat(row.value(Factor.HANDLE_DRIFT)).isCloseTo(0.40, within(1e-9));
    assertThat(row.factors)
        .contains("\"handle_drift\",\"value\":0.4000,\"threshold\":0.2500,\"weight\":10");
  }

  /**
   * A replay's watermark passes dozens of an agent's instants at once, a live one a few at a time:
   * the rows and level changes are the same (one timer firing takes every instant passed, in the
   * order their own timers would have).
   */
  @Test
  void theRowsAreTheSameWhetherTheWatermarkPassesInstantsOneByOneOrAllAtOnce() throws Exception {
    List<String> byMinute = shiftRows(60_000);
    List<String> atOnce = shiftRows(Long.MAX_VALUE);
    assertThat(byMinute).hasSizeGreaterThan(30).isEqualTo(atOnce);
  }

  /** A ten-hour shift of contacts and one break, the watermark moved every {@code stepMs}. */
  private List<String> shiftRows(long stepMs) throws Exception {
    open(Duration.ofMinutes(2), null);
    long t = at("05", "07:00");
    List<BurnoutInput> inputs = new java.util.ArrayList<>();
    inputs.add(Inputs.presence(t, AgentState.AVAILABLE));
    for (int i = 0; i < 70; i++) {
      long opened = t + 60_000 + i * 480_000L;
      inputs.add(Inputs.opened(opened, "c-" + i));
      inputs.add(Inputs.leg(opened + 400_000, "c-" + i, 400_000 + (i % 5) * 60_000, i % 7 == 0));
      if (i == 20) {
        inputs.add(Inputs.presence(opened + 420_000, AgentState.BREAK));
        inputs.add(Inputs.presence(opened + 470_000, AgentState.AVAILABLE));
      }
    }
    inputs.add(Inputs.presence(t + 10 * 3_600_000L, AgentState.LOGGED_OUT));
    long end = t + 11 * 3_600_000L;
    long watermark = t;
    for (BurnoutInput in : inputs) {
      while (stepMs != Long.MAX_VALUE && watermark + stepMs < in.at) {
        watermark += stepMs;
        harness.processWatermark(new Watermark(watermark));
      }
      send(in);
    }
    harness.processWatermark(new Watermark(end));
    List<String> out = new java.util.ArrayList<>();
    for (BurnoutRow r : rows()) {
      out.add(
          r.assessedAt + " " + r.intervalStart + " " + r.score + " " + r.level + " " + r.factors);
    }
    for (LevelChange c : changes()) {
      out.add("change " + c.at + " " + c.from + " " + c.to);
    }
    return out;
  }

  @Test
  void contactsOutsideAShiftAndDuplicatePresenceAreIgnored() throws Exception {
    open(Duration.ZERO, null);
    BurnoutInput login = Inputs.presence(at("05", "09:00"), AgentState.AVAILABLE);
    BurnoutInput logout = Inputs.presence(at("05", "09:10"), AgentState.LOGGED_OUT);
    send(
        Inputs.opened(at("05", "08:50"), "i-0"),
        login,
        logout,
        login); // the second login is a duplicate
    harness.processWatermark(new Watermark(at("05", "10:00")));
    assertThat(rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.assessedAt).isEqualTo(at("05", "09:10"));
              assertThat(r.intervalStart).isEqualTo(at("05", "09:00"));
              assertThat(r.level).isEqualTo(Level.LOW);
            });
    assertThat(harness.numEventTimeTimers()).as("the baseline day's expiry").isEqualTo(1);
  }

  @Test
  @Timeout(
      value = 60,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without the stop: ticks forever
  void theEndOfTheInputStopsTheClockOfAnAgentStillLoggedIn() throws Exception {
    open(Duration.ZERO, null);
    send(Inputs.presence(at("05", "09:00"), AgentState.AVAILABLE));
    harness.processWatermark(new Watermark(at("05", "09:40")));
    harness.processWatermark(new Watermark(Long.MAX_VALUE)); // a bounded input is done
    assertThat(rows())
        .extracting(r -> r.assessedAt)
        .containsExactly(at("05", "09:15"), at("05", "09:30"), at("05", "09:45"));
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
