package io.ccpulse.pipeline.burnout;

import static io.ccpulse.pipeline.burnout.Inputs.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over weeks the burnout state stays bounded by event time alone: an agent who never logs out is
 * closed after {@code burnout.shift.max-silence}, and a baseline day leaves the state when it
 * leaves the baseline period, so an agent who left keeps nothing but its recent duplicate ids
 * (TTL).
 */
class BurnoutStateBoundsTest {
  private final BurnoutSettings settings = BurnoutSettings.from(PipelineConfig.defaults());
  private KeyedOneInputStreamOperatorTestHarness<TenantKey, BurnoutInput, BurnoutRow> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new BurnoutAssessor(settings, Duration.ofMinutes(5), Duration.ofDays(1))),
            BurnoutInput::key,
            TypeInformation.of(TenantKey.class));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(BurnoutInput... inputs) throws Exception {
    for (BurnoutInput in : inputs) {
      harness.processElement(new StreamRecord<>(in, in.at));
    }
  }

  private void watermark(long t) throws Exception {
    harness.processWatermark(new Watermark(t));
  }

  private List<BurnoutRow> rows() {
    return harness.extractOutputValues();
  }

  /** A day's shift from 08:00 to 16:00 with 40 calls of 5 minutes. */
  private void shift(String day) throws Exception {
    long t = at(day, "08:00");
    send(Inputs.presence(t, AgentState.LOGGED_IN), Inputs.presence(t, AgentState.AVAILABLE));
    for (int i = 0; i < 40; i++) {
      t += 600_000;
      send(Inputs.opened(t, day + "-" + i), Inputs.leg(t + 300_000, day + "-" + i, 300_000, false));
    }
    send(Inputs.presence(at(day, "16:00"), AgentState.LOGGED_OUT));
  }

  @Test
  void anAgentsWaitingInputsAndNextBoundaryShareOneTimer() throws Exception {
    shift("05"); // 83 inputs at 82 instants, all waiting for the watermark
    assertThat(harness.numEventTimeTimers()).isOne();
    watermark(at("05", "12:00")); // the clock, 5 minutes behind, at 11:55
    assertThat(harness.numEventTimeTimers())
        .as("the next input still waiting or the 12:00 boundary, whichever is first")
        .isOne();
    assertThat(rows()).extracting(r -> r.intervalStart).last().isEqualTo(at("05", "11:30"));
  }

  @Test
  void anAgentWhoNeverLogsOutIsClosedAfterTwelveSilentHours() throws Exception {
    send(
        Inputs.presence(at("05", "08:00"), AgentState.LOGGED_IN),
        Inputs.presence(at("05", "08:01"), AgentState.AVAILABLE),
        Inputs.opened(at("05", "09:00"), "i-1"),
        Inputs.leg(at("05", "09:05"), "i-1", 300_000, false)); // then nothing: the logout is lost
    watermark(at("06", "12:00"));

    // Assessed every quarter hour until 12 h after the last input (09:05), then closed.
    assertThat(rows()).last().satisfies(r -> assertThat(r.assessedAt).isEqualTo(at("05", "21:00")));
    assertThat(rows()).extracting(r -> r.assessedAt).doesNotHaveDuplicates().hasSize(52);
    assertThat(harness.numEventTimeTimers()).as("the baseline day's expiry only").isEqualTo(1);
    assertThat(harness.numKeyedStateEntries())
        .as("the baseline day (its call) and the duplicate ids")
        .isEqualTo(2);

    watermark(at("20", "00:00")); // past the baseline period: nothing left but the ids (TTL)
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(rows()).hasSize(52);
  }

  @Test
  void theBaselineOfAnAgentWhoLeftIsForgottenAfterTheBaselinePeriod() throws Exception {
    shift("05");
    shift("06");
    watermark(at("07", "00:00"));
    assertThat(harness.numKeyedStateEntries()).as("two baseline days, the ids").isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).as("each day's expiry").isEqualTo(2);

    // Monday's day leaves the 7-day period at the end of Monday the 12th, Tuesday's a day later.
    watermark(at("13", "00:04"));
    assertThat(harness.numEventTimeTimers()).isEqualTo(2); // 5 minutes of lateness behind
    watermark(at("13", "00:05"));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    watermark(at("14", "00:05"));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).as("only the duplicate ids (TTL)").isEqualTo(1);
  }

  @Test
  void anAgentWhoStaysKeepsTheBaselineDaysStillInThePeriod() throws Exception {
    shift("05");
    shift("12"); // a week later: Monday the 5th is still in the period of this shift's start
    watermark(at("12", "17:00"));
    assertThat(rows())
        .filteredOn(r -> r.shiftStart == at("12", "08:00"))
        .last()
        .satisfies(r -> assertThat(r.value(Factor.HANDLE_DRIFT)).isZero());
    watermark(at("13", "00:05")); // the 5th leaves the period
    watermark(at("14", "00:05"));
    shift("14"); // judged against the 12th alone: still no drift
    watermark(at("14", "17:00"));
    assertThat(rows())
        .filteredOn(r -> r.shiftStart == at("14", "08:00"))
        .last()
        .satisfies(r -> assertThat(r.value(Factor.HANDLE_DRIFT)).isZero());
    assertThat(harness.numEventTimeTimers()).as("the 12th's and the 14th's expiry").isEqualTo(2);
  }
}
