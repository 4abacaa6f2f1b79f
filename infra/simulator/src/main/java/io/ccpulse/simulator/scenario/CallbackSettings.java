package io.ccpulse.simulator.scenario;

import java.time.Duration;

/**
 * When the simulated IVR offers a voice caller a callback (docs/metrics.md §4a): a caller who joins
 * a queue with an estimated wait above {@code offerAbove} hears the offer after {@code announce},
 * and asks to be called back with chance {@code acceptShare} if still waiting then. The callback is
 * dialed no sooner than {@code minDelay} after the request (the caller hangs up first), and keeps
 * the caller's place in the queue. Never in Erlang-A mode.
 *
 * @param acceptShare 0 turns callbacks off
 */
public record CallbackSettings(
    Duration offerAbove, Duration announce, double acceptShare, Duration minDelay) {
  public CallbackSettings {
    if (offerAbove.isNegative() || announce.isNegative() || minDelay.isNegative()) {
      throw new IllegalArgumentException("callback durations must not be negative");
    }
    if (!(acceptShare >= 0 && acceptShare <= 1)) {
      throw new IllegalArgumentException("callback accept share must be in [0, 1]");
    }
  }

  /** Offered above an estimated minute, 30 s into the wait; 40% accept; dialed after 1 min. */
  public static CallbackSettings defaults() {
    return new CallbackSettings(
        Duration.ofSeconds(60), Duration.ofSeconds(30), 0.4, Duration.ofMinutes(1));
  }

  public boolean on() {
    return acceptShare > 0;
  }

  public CallbackSettings withOfferAbove(Duration v) {
    return new CallbackSettings(v, announce, acceptShare, minDelay);
  }

  public CallbackSettings withAcceptShare(double v) {
    return new CallbackSettings(offerAbove, announce, v, minDelay);
  }
}
