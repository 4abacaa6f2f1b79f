package io.ccpulse.pipeline.contact;

/** What a {@link ContactFact} records. */
public enum FactKind {
  /** A contact entered a queue for the first time (an arrival). */
  ARRIVED,
  /** A contact entered a queue again, after a transfer. */
  TRANSFERRED_IN,
  /** A queue wait ended with an agent answering. */
  ANSWERED,
  /** A queue wait ended with the customer leaving. */
  ABANDONED,
  /** A queue wait ended with the contact moved to another queue unanswered. */
  MOVED_UNANSWERED,
  /** A queue wait ended with the customer asking to be called back (not an abandon). */
  CALLBACK_REQUESTED,
  /** A pending callback was taken by an agent, who dials the customer. */
  CALLBACK_DIALED,
  /** An agent connected: a leg starts (not counted in intervals; it marks the agent busy). */
  LEG_STARTED,
  /** A leg completed with its wrap-up. */
  LEG,
  /** A leg that never completed, closed by its timer. */
  LEG_INCOMPLETE,
  /** A survey response. */
  SURVEY
}
