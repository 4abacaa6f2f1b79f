package io.ccpulse.pipeline.contact;

import io.ccpulse.events.RejectReason;

/**
 * An event that cannot follow what the contact already did (or would make a duration negative); it
 * is rejected with this reason and the contact goes on without it.
 */
public final class ImpossibleTransition extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  public ImpossibleTransition(String message) {
    this(RejectReason.IMPOSSIBLE_TRANSITION, message);
  }

  public ImpossibleTransition(RejectReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
