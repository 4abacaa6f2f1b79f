package io.ccpulse.pipeline.ingest;

import io.ccpulse.pipeline.key.TenantKey;

/** Events of one tenant and type counted in one interval, on their way to its window. */
public class IngestSum {
  /** The tenant, and the record and event type ("InteractionEvent.QUEUED") as its id. */
  public TenantKey key;

  public long events;

  public IngestSum() {}

  static IngestSum of(TenantKey key, long events) {
    IngestSum s = new IngestSum();
    s.key = key;
    s.events = events;
    return s;
  }
}
