package io.ccpulse.pipeline.burnout;

/** How strongly the indicators suggest checking in on an agent. */
public enum Level {
  LOW,
  ELEVATED,
  HIGH
}
