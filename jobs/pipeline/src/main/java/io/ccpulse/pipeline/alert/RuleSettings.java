package io.ccpulse.pipeline.alert;

import java.io.Serializable;

/** One rule's settings for one queue, after defaults and overrides. */
public final class RuleSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public final boolean enabled;

  /** Past this the rule breaches (seconds, contacts or a ratio, per rule). */
  public final double threshold;

  /** Back past this the value counts as recovered. */
  public final double clear;

  /** A breach must last this long to raise; a recovery this long to clear. */
  public final long raiseAfterMs;

  public final long clearAfterMs;
  public final String severity;

  /** Rates are judged from this many waits ended in the window (short abandons apart). */
  public final int minOffered;

  public RuleSettings(
      boolean enabled,
      double threshold,
      double clear,
      long raiseAfterMs,
      long clearAfterMs,
      String severity,
      int minOffered) {
    this.enabled = enabled;
    this.threshold = threshold;
    this.clear = clear;
    this.raiseAfterMs = raiseAfterMs;
    this.clearAfterMs = clearAfterMs;
    this.severity = severity;
    this.minOffered = minOffered;
  }
}
