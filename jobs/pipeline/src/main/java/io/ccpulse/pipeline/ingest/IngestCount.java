package io.ccpulse.pipeline.ingest;

/** Events accepted for one tenant, record type and event type in one interval. */
public class IngestCount {
  public String tenantId;

  /** e.g. InteractionEvent.QUEUED */
  public String eventType;

  public long intervalStart;
  public long intervalSizeSeconds;
  public long events;

  /** Larger for a later emission of the same interval (a late event's correction). */
  public long version;

  public IngestCount() {}

  @Override
  public String toString() {
    return tenantId + "/" + eventType + "@" + intervalStart + "=" + events + " v" + version;
  }
}
