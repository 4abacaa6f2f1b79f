package io.ccpulse.pipeline.contact;

/** One agent's open leg of a contact, as far as it has got. */
public class LegProgress {
  public String agentId;
  public String queueId;
  public long answeredAt;

  /** Start of the current hold, or -1 when not on hold. */
  public long holdStartedAt = -1;

  public long holdMs;
  public int holdCount;

  /** TALK_ENDED or TRANSFERRED time, or -1 while still connected. */
  public long connectedEndAt = -1;

  public boolean transferred;

  /**
   * The leg is a callback: its agent took a callback (CALLBACK_DIALED) and the customer answered.
   */
  public boolean callback;

  public LegProgress() {}

  boolean connected() {
    return connectedEndAt < 0;
  }

  boolean onHold() {
    return holdStartedAt >= 0;
  }
}
