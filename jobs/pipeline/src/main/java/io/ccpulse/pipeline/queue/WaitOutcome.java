package io.ccpulse.pipeline.queue;

/** How a contact's wait in a queue ended. */
public enum WaitOutcome {
  ANSWERED,
  ABANDONED,
  /** Moved to another queue unanswered (counted as offered, as in the interval metrics). */
  MOVED,
  /** The customer asked to be called back: offered, neither answered nor abandoned. */
  CALLBACK,
  /**
   * The contact went silent and was closed by its timer: not an outcome, just no longer waiting.
   */
  CLOSED
}
