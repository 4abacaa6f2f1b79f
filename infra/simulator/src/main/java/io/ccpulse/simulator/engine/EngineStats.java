package io.ccpulse.simulator.engine;

import java.util.Optional;

/**
 * Counts from one run: what happened, and the bases of the per-contact and per-leg fault rates (so
 * a test can compare an injected count with its rate × its base).
 */
public final class EngineStats {
  long contacts;
  long repeatContacts;
  long legs;
  long abandons;
  long transfers;
  long surveys;
  long callbacksOffered;
  long callbacksRequested;
  long callbacksDialed;
  long tooLateEligible;
  long tooLateContacts;
  long impossibleBase;
  long impossibleInjected;
  long endMillis;
  UnderstaffingReport understaffing;

  /** Contacts created (arrivals, including repeat contacts). */
  public long contacts() {
    return contacts;
  }

  /** Contacts by a customer who came back. */
  public long repeatContacts() {
    return repeatContacts;
  }

  /** Legs answered. */
  public long legs() {
    return legs;
  }

  public long abandons() {
    return abandons;
  }

  public long transfers() {
    return transfers;
  }

  public long surveys() {
    return surveys;
  }

  /** Voice callers offered a callback (the estimated wait was long), accepted, dialed. */
  public long callbacksOffered() {
    return callbacksOffered;
  }

  public long callbacksRequested() {
    return callbacksRequested;
  }

  public long callbacksDialed() {
    return callbacksDialed;
  }

  /** Contacts that could have been picked for the too-late fault (the base of its rate). */
  public long tooLateEligible() {
    return tooLateEligible;
  }

  public long tooLateContacts() {
    return tooLateContacts;
  }

  /** Legs and abandons of on-time contacts (the base of the impossible-transition rate). */
  public long impossibleBase() {
    return impossibleBase;
  }

  public long impossibleInjected() {
    return impossibleInjected;
  }

  /** Event time of the last contact or agent event (surveys may come up to 30 minutes later). */
  public long endMillis() {
    return endMillis;
  }

  /** What the scenario's understaffing stretch did; empty if it had none. */
  public Optional<UnderstaffingReport> understaffing() {
    return Optional.ofNullable(understaffing);
  }
}
