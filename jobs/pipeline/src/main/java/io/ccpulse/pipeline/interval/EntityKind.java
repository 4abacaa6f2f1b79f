package io.ccpulse.pipeline.interval;

/** What an interval row is about. */
public enum EntityKind {
  /** One agent on one channel: legs and CSAT. */
  AGENT,
  /** One queue (a queue serves one channel): legs, queue outcomes and CSAT. */
  QUEUE,
  /** A whole contact center on one channel: everything. */
  TENANT_CHANNEL
}
