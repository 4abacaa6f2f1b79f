package io.ccpulse.pipeline.burnout;

import static io.ccpulse.pipeline.burnout.Inputs.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.pipeline.config.PipelineConfig;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A bounded input (a replay of history) ends with the watermark jumping to the end from wherever
 * the sources' last periodic watermark had left it: the assessor's rows must not depend on where
 * that was (docs/metrics.md §10).
 */
class BurnoutBoundedInputTest {
  private static final Duration LATENESS = Duration.ofMinutes(5);
  private final BurnoutSettings settings = BurnoutSettings.from(PipelineConfig.defaults());

  /** A shift whose logout is not in the input: contacts, a break, an hour idle, a contact. */
  private static List<BurnoutInput> shift() {
    List<BurnoutInput> in = new ArrayList<>();
    in.add(Inputs.presence(at("05", "09:00"), AgentState.LOGGED_IN));
    in.add(Inputs.presence(at("05", "09:00"), AgentState.AVAILABLE));
    long t = at("05", "09:02");
    for (int i = 0; i < 14; i++) { // back to back until about 10:40
      in.add(Inputs.opened(t, "c-" + i));
      in.add(Inputs.leg(t + 420_000, "c-" + i, 420_000, i % 5 == 0));
      t += 425_000;
    }
    in.add(Inputs.presence(at("05", "10:45"), AgentState.BREAK));
    in.add(Inputs.presence(at("05", "11:00"), AgentState.AVAILABLE));
    in.add(Inputs.opened(at("05", "12:10"), "c-late")); // an hour idle before it
    in.add(Inputs.leg(at("05", "12:17"), "c-late", 420_000, false));
    return in;
  }

  private List<String> run(boolean bounded, List<BurnoutInput> inputs, long... watermarks)
      throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new BurnoutAssessor(settings, LATENESS, Duration.ofDays(1), bounded)),
            BurnoutInput::key,
            TypeInformation.of(TenantKey.class))) {
      harness.open();
      for (BurnoutInput in : inputs) {
        harness.processElement(new StreamRecord<>(in, in.at));
      }
      for (long w : watermarks) {
        harness.processWatermark(new Watermark(w));
      }
      return harness.extractOutputValues().stream().map(BurnoutBoundedInputTest::text).toList();
    }
  }

  /** Everything a row says but its version. */
  private static String text(BurnoutRow r) {
    return Instant.ofEpochMilli(r.assessedAt)
        + " from "
        + Instant.ofEpochMilli(r.intervalStart)
        + " shift "
        + Instant.ofEpochMilli(r.shiftStart)
        + " "
        + r.level
        + " "
        + r.score
        + " contacts "
        + r.contacts
        + " "
        + Arrays.toString(r.values)
        + " "
        + r.factors;
  }

  @Test
  void aReplaysEndAssessesEachShiftToTheBoundaryAfterItsLastInputWhereverTheWatermarkStopped()
      throws Exception {
    List<List<String>> runs = new ArrayList<>();
    // The last periodic watermark before the end: before the shift, mid-shift, in the idle hour,
    // and long after its last input.
    for (String last : new String[] {"08:00", "10:00", "11:40", "15:00"}) {
      runs.add(run(true, shift(), at("05", last), Long.MAX_VALUE));
    }
    for (List<String> rows : runs) {
      assertThat(rows).isEqualTo(runs.get(0));
    }
    List<String> rows = runs.get(0);
    assertThat(rows).first().asString().startsWith("2026-01-05T09:15:00Z from 2026-01-05T09:00");
    assertThat(rows)
        .as("every quarter hour to 12:30, the first boundary after the last input (12:17)")
        .hasSize(14)
        .last()
        .asString()
        .startsWith("2026-01-05T12:30:00Z from 2026-01-05T12:15");

    // The same rows as the clock gives live, with the watermark moving to 12:30 and no further.
    assertThat(run(false, shift(), at("05", "12:30") + LATENESS.toMillis())).isEqualTo(rows);
  }

  @Test
  void aShiftSilentTooLongIsClosedWhereTheClockWouldHaveClosedIt() throws Exception {
    List<BurnoutInput> inputs = new ArrayList<>(shift());
    // The logout never came; the next day's login starts a new shift.
    inputs.add(Inputs.presence(at("06", "08:00"), AgentState.LOGGED_IN));
    inputs.add(Inputs.presence(at("06", "08:00"), AgentState.AVAILABLE));
    inputs.add(Inputs.presence(at("06", "08:20"), AgentState.LOGGED_OUT));
    List<String> replayed = run(true, inputs, at("05", "11:00"), Long.MAX_VALUE);
    List<String> live = run(false, inputs, at("06", "09:00"));
    assertThat(replayed).isEqualTo(live);
    assertThat(replayed)
        .as("closed at 00:30, 12 h after 12:17, at the quarter hour; then the new shift")
        .anyMatch(r -> r.startsWith("2026-01-06T00:15:00Z"))
        .noneMatch(r -> r.startsWith("2026-01-06T00:30:00Z"))
        .last()
        .asString()
        .startsWith("2026-01-06T08:20:00Z from 2026-01-06T08:15:00Z shift 2026-01-06T08:00");
  }
}
