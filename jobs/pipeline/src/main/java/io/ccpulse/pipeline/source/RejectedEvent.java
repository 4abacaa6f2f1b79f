package io.ccpulse.pipeline.source;

import io.ccpulse.events.RejectReason;

/** A row of the rejected_events table: what could not be counted, why, and the raw bytes. */
public class RejectedEvent {
  public long rejectedAt;
  public String sourceTopic;
  public int sourcePartition;
  public long sourceOffset;
  public String reason;
  public String detail;
  /** Record and type when it decoded, e.g. "InteractionEvent.QUEUED"; empty otherwise. */
  public String eventType = "";
  public String tenantId = "";
  public String eventId = "";
  /** Event time in epoch millis when it decoded, else null. */
  public Long occurredAt;
  public byte[] payload;

  public RejectedEvent() {}

  public static RejectedEvent of(
      RejectReason reason, String detail, String topic, int partition, long offset, byte[] payload, long now) {
    RejectedEvent r = new RejectedEvent();
    r.rejectedAt = now;
    r.reason = reason.name();
    r.detail = detail;
    r.sourceTopic = topic;
    r.sourcePartition = partition;
    r.sourceOffset = offset;
    r.payload = payload == null ? new byte[0] : payload;
    return r;
  }

  @Override
  public String toString() {
    return reason + "(" + sourceTopic + "/" + sourcePartition + "@" + sourceOffset + ": " + detail + ")";
  }
}
