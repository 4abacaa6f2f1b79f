package io.ccpulse.simulator.scenario;

import java.time.Duration;

/**
 * A fuzz stream: malformed events mixed into the day, every one of which the pipeline must reject
 * under a known reason while every good figure stays exact. Generated from the seed, so the same
 * scenario always mixes in the same bad events.
 *
 * <p>The fuzz knows the pipeline's limits that decide a reason: ids and text over 1,000 characters
 * and logins naming 1,000 queues are over any sane limit (the pipeline's defaults are 128, 256 and
 * 200); the contact limits are given here and must equal the pipeline's.
 *
 * @param events single malformed events of every kind (bad ids, too long, 1970, 9999, missing
 *     fields, impossible scores, too many queues, unknown tenants), spread over the day
 * @param contactEvents events of one contact that holds without end (a contact with 10,000 holds):
 *     the first {@code maxContactEvents} are impossible (no leg is open), the rest over the limit
 * @param tenantsListed the pipeline lists the scenario's tenants (input.tenants): only then are
 *     events of unknown tenants mixed in
 * @param maxContactEvents the pipeline's input.max-contact-events
 * @param maxContactSpan the pipeline's input.max-contact-span; a contact stretched past it is mixed
 *     in when the day is long enough
 */
public record FuzzSettings(
    int events,
    int contactEvents,
    boolean tenantsListed,
    int maxContactEvents,
    Duration maxContactSpan) {

  public FuzzSettings {
    if (events < 0 || contactEvents < 0 || maxContactEvents < 1) {
      throw new IllegalArgumentException(
          "fuzz counts must not be negative and the contact limit positive");
    }
    if (maxContactSpan.isNegative() || maxContactSpan.isZero()) {
      throw new IllegalArgumentException("the contact span limit must be positive");
    }
  }

  /** The pipeline's defaults: input.max-contact-events=500, input.max-contact-span=1d. */
  public static final int DEFAULT_MAX_CONTACT_EVENTS = 500;

  public static final Duration DEFAULT_MAX_CONTACT_SPAN = Duration.ofDays(1);

  public static FuzzSettings none() {
    return new FuzzSettings(0, 0, false, DEFAULT_MAX_CONTACT_EVENTS, DEFAULT_MAX_CONTACT_SPAN);
  }

  /**
   * {@code events} single bad events and a contact with 10,000 holds, against the pipeline's
   * defaults.
   */
  public static FuzzSettings of(int events) {
    return new FuzzSettings(
        events, 10_000, false, DEFAULT_MAX_CONTACT_EVENTS, DEFAULT_MAX_CONTACT_SPAN);
  }

  public boolean enabled() {
    return events > 0 || contactEvents > 0;
  }

  public FuzzSettings withEvents(int n) {
    return new FuzzSettings(n, contactEvents, tenantsListed, maxContactEvents, maxContactSpan);
  }

  public FuzzSettings withContactEvents(int n) {
    return new FuzzSettings(events, n, tenantsListed, maxContactEvents, maxContactSpan);
  }

  public FuzzSettings withTenantsListed(boolean listed) {
    return new FuzzSettings(events, contactEvents, listed, maxContactEvents, maxContactSpan);
  }

  /** The pipeline's contact limits, when not its defaults. */
  public FuzzSettings withContactLimits(int maxEvents, Duration maxSpan) {
    return new FuzzSettings(events, contactEvents, tenantsListed, maxEvents, maxSpan);
  }
}
