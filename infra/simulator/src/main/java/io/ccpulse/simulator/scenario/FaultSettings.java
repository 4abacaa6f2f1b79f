package io.ccpulse.simulator.scenario;

import java.time.Duration;

/**
 * Fault rates and the lateness the pipeline allows. Each rate is a probability per clean event
 * (duplicates, delays, unreadable and unknown-schema records), per contact (too-late contacts) or
 * per leg / abandon (impossible transitions). See the README for exact semantics.
 *
 * @param maxDelay longest out-of-order or duplicate delay: above the pipeline's out-of-orderness
 *     bound (so some events arrive behind the watermark and exercise late correction) and at most
 *     {@code lateness} (so none is rejected)
 * @param lateness the pipeline's allowed lateness
 * @param tooLateDelay delay of a too-late contact's events; {@code null} means lateness + 2 × the
 *     largest interval
 * @param fuzz malformed events mixed into the day ({@link FuzzSettings#none()} for none)
 */
public record FaultSettings(
    double duplicateRate,
    double outOfOrderRate,
    Duration maxDelay,
    double tooLateRate,
    Duration lateness,
    Duration tooLateDelay,
    double unreadableRate,
    double unknownSchemaRate,
    double impossibleRate,
    FuzzSettings fuzz) {

  public FaultSettings {
    check("duplicate", duplicateRate);
    check("out-of-order", outOfOrderRate);
    check("too-late", tooLateRate);
    check("unreadable", unreadableRate);
    check("unknown-schema", unknownSchemaRate);
    check("impossible", impossibleRate);
    if (maxDelay.isNegative() || lateness.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if ((outOfOrderRate > 0 || duplicateRate > 0) && maxDelay.compareTo(lateness) > 0) {
      throw new IllegalArgumentException(
          "the maximum delay ("
              + maxDelay
              + ") must not exceed the allowed lateness ("
              + lateness
              + "): delayed events would be rejected, yet the truth counts them");
    }
  }

  /**
   * Twice the pipeline's default out-of-orderness bound (30 s): three quarters of delayed events
   * arrive behind the watermark, all well within the default 5-minute lateness.
   */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(2);

  /**
   * Light faults of every kind: enough to exercise the rejection paths without hiding the metrics.
   */
  public static FaultSettings defaults() {
    return new FaultSettings(
        0.005,
        0.02,
        DEFAULT_MAX_DELAY,
        0.002,
        Duration.ofMinutes(5),
        null,
        0.0005,
        0.0005,
        0.002,
        FuzzSettings.none());
  }

  public static FaultSettings none() {
    return new FaultSettings(
        0, 0, DEFAULT_MAX_DELAY, 0, Duration.ofMinutes(5), null, 0, 0, 0, FuzzSettings.none());
  }

  /** The delay of too-late contacts for the given interval sizes. */
  public Duration tooLateDelay(TruthSettings truth) {
    return tooLateDelay != null
        ? tooLateDelay
        : lateness.plus(truth.largestInterval().multipliedBy(2));
  }

  private static void check(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " fault rate must be within [0, 1], was " + rate);
    }
  }

  public FaultSettings withDuplicateRate(double v) {
    return new FaultSettings(
        v,
        outOfOrderRate,
        maxDelay,
        tooLateRate,
        lateness,
        tooLateDelay,
        unreadableRate,
        unknownSchemaRate,
        impossibleRate,
        fuzz);
  }

  public FaultSettings withOutOfOrder(double rate, Duration max) {
    return new FaultSettings(
        duplicateRate,
        rate,
        max,
        tooLateRate,
        lateness,
        tooLateDelay,
        unreadableRate,
        unknownSchemaRate,
        impossibleRate,
        fuzz);
  }

  public FaultSettings withTooLate(double rate, Duration lateness, Duration delay) {
    return new FaultSettings(
        duplicateRate,
        outOfOrderRate,
        maxDelay,
        rate,
        lateness,
        delay,
        unreadableRate,
        unknownSchemaRate,
        impossibleRate,
        fuzz);
  }

  public FaultSettings withUnreadableRate(double v) {
    return new FaultSettings(
        duplicateRate,
        outOfOrderRate,
        maxDelay,
        tooLateRate,
        lateness,
        tooLateDelay,
        v,
        unknownSchemaRate,
        impossibleRate,
        fuzz);
  }

  public FaultSettings withUnknownSchemaRate(double v) {
    return new FaultSettings(
        duplicateRate,
        outOfOrderRate,
        maxDelay,
        tooLateRate,
        lateness,
        tooLateDelay,
        unreadableRate,
        v,
        impossibleRate,
        fuzz);
  }

  public FaultSettings withImpossibleRate(double v) {
    return new FaultSettings(
        duplicateRate,
        outOfOrderRate,
        maxDelay,
        tooLateRate,
        lateness,
        tooLateDelay,
        unreadableRate,
        unknownSchemaRate,
        v,
        fuzz);
  }

  public FaultSettings withFuzz(FuzzSettings v) {
    return new FaultSettings(
        duplicateRate,
        outOfOrderRate,
        maxDelay,
        tooLateRate,
        lateness,
        tooLateDelay,
        unreadableRate,
        unknownSchemaRate,
        impossibleRate,
        v);
  }
}
