package io.ccpulse.pipeline.burnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The score: the sum of the weights of exactly the indicators over their thresholds. */
class AssessmentTest {
  private final BurnoutSettings settings = BurnoutSettings.from(PipelineConfig.defaults());

  private static double[] values() {
    double[] v = new double[Factor.values().length];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  @Test
  void nothingOverThresholdIsLowWithNoFactors() {
    double[] v = values();
    v[Factor.OCCUPANCY_ROLLING.ordinal()] = 0.90; // at the threshold is not over it
    v[Factor.LOGGED_IN.ordinal()] = 8.5;
    v[Factor.BREAKS_MISSED.ordinal()] = 0;
    v[Factor.HANDLE_DRIFT.ordinal()] = -0.25;
    Assessment a = Assessment.of(v, settings);
    assertThat(a.score()).isZero();
    assertThat(a.level()).isEqualTo(Level.LOW);
    assertThat(a.factors()).isEmpty();
    assertThat(a.factorsJson()).isEqualTo("[]");
  }

  @Test
  void oneFactorAloneStaysLow() {
    double[] v = values();
    v[Factor.LOGGED_IN.ordinal()] = 10;
    Assessment a = Assessment.of(v, settings);
    assertThat(a.score()).isEqualTo(15);
    assertThat(a.level()).isEqualTo(Level.LOW);
    assertThat(a.factors())
        .singleElement()
        .isEqualTo(new Contribution(Factor.LOGGED_IN, 10, 9, 15));
  }

  @Test
  void theFactorsListedAreExactlyThoseOverThreshold() {
    double[] v = values();
    v[Factor.OCCUPANCY_ROLLING.ordinal()] = 0.95; // over 0.90: 5
    v[Factor.OCCUPANCY_SHIFT.ordinal()] = 0.80; // under 0.85
    v[Factor.LOGGED_IN.ordinal()] = 11; // over 9 h: 15
    v[Factor.SINCE_BREAK.ordinal()] = 7.75; // over 3.5 h: 35
    v[Factor.BREAKS_MISSED.ordinal()] = 2; // over 1: 15
    v[Factor.BACK_TO_BACK.ordinal()] = 12; // at 12: not over
    v[Factor.DEMANDING_SHARE.ordinal()] = 0.2;
    v[Factor.HANDLE_DRIFT.ordinal()] = 0.40; // over 0.25: 10
    Assessment a = Assessment.of(v, settings);
    assertThat(a.factors())
        .extracting(Contribution::factor)
        .containsExactly(
            Factor.OCCUPANCY_ROLLING,
            Factor.LOGGED_IN,
            Factor.SINCE_BREAK,
            Factor.BREAKS_MISSED,
            Factor.HANDLE_DRIFT);
    assertThat(a.score()).isEqualTo(80);
    assertThat(a.level()).isEqualTo(Level.HIGH);
    assertThat(a.factorsJson())
        .startsWith(
            "[{\"factor\":\"occupancy_rolling\",\"value\":0.9500,\"threshold\":0.9000,\"weight\":5},");
  }

  @Test
  void aLongStretchWithoutABreakIsEnoughToCheckIn() {
    double[] v = values();
    v[Factor.SINCE_BREAK.ordinal()] = 4;
    v[Factor.BREAKS_MISSED.ordinal()] = 1; // one missed: at the threshold, not over
    Assessment a = Assessment.of(v, settings);
    assertThat(a.score()).isEqualTo(35);
    assertThat(a.level()).isEqualTo(Level.ELEVATED);
  }

  @Test
  void heavyWorkloadAloneStaysLow() {
    double[] v = values();
    v[Factor.OCCUPANCY_ROLLING.ordinal()] = 1.0;
    v[Factor.OCCUPANCY_SHIFT.ordinal()] = 0.97;
    v[Factor.BACK_TO_BACK.ordinal()] = 30;
    v[Factor.DEMANDING_SHARE.ordinal()] = 0.5;
    Assessment a = Assessment.of(v, settings);
    assertThat(a.factors()).hasSize(4);
    assertThat(a.score()).isEqualTo(20);
    assertThat(a.level()).isEqualTo(Level.LOW);
  }

  @Test
  void defaultWeightsAddUpToAHundred() {
    assertThat(Arrays.stream(Factor.values()).mapToInt(settings::weight).sum()).isEqualTo(100);
  }

  @Test
  void settingsAreReadFromTheConfigurationAndCheckedForSense() {
    BurnoutSettings s =
        BurnoutSettings.from(
            PipelineConfig.defaults()
                .with(java.util.Map.of("burnout.since-break.threshold", "4h")));
    assertThat(s.threshold(Factor.SINCE_BREAK)).isEqualTo(4.0);
    assertThat(s.threshold(Factor.LOGGED_IN)).isEqualTo(9.0);
    assertThat(s.intervalMs).isEqualTo(900_000);
    assertThatThrownBy(
            () ->
                BurnoutSettings.from(
                    PipelineConfig.defaults()
                        .with(java.util.Map.of("burnout.level.elevated", "70"))))
        .hasMessageContaining("burnout.level.elevated ≤ burnout.level.high");
  }
}
