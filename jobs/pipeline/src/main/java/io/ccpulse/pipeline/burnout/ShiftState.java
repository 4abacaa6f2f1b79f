package io.ccpulse.pipeline.burnout;

import io.ccpulse.events.AgentState;

/** One agent's current shift, as far as the indicators need it. A Flink POJO, kept in state. */
public class ShiftState {
  public String tenantId;
  public String agentId;

  /** Null while logged out. */
  public AgentState state;

  public long shiftStart;

  /** Time up to which time has been attributed. */
  public long accountedTo;

  public int openLegs;

  /** Whole shift: time with a contact open, and AVAILABLE with none. */
  public long busyMs;

  public long idleMs;

  /** ∫ open contacts dt while busy: concurrency = legMs / busyMs. */
  public long legMs;

  /** Rolling window: per-minute busy and idle ms, a ring indexed by minute, last minute touched. */
  public long[] ringBusy;

  public long[] ringIdle;
  public long ringMinute;

  /** Start of the break or meal under way, or -1. */
  public long breakStartedAt = -1;

  /** End of the last break that counted, or the shift start. */
  public long lastBreakEnd;

  public int breaksTaken;

  /** When the last contact closed with none left open, or -1 before the first. */
  public long lastFreeAt = -1;

  public int run;
  public int longestRun;

  /** Completed legs this shift, per channel ordinal: count and Σ handle ms. */
  public long[] legs;

  public long[] handleMs;

  /** Legs that were long or transferred, plus surveys of 2 or less. */
  public int demanding;

  /** When the last input (presence, contact, survey) was applied: a long silence ends the shift. */
  public long lastInputAt;

  /** The level last reported, so a change is reported once. */
  public Level level = Level.LOW;

  public ShiftState() {}

  public long handled() {
    long n = 0;
    for (long c : legs) {
      n += c;
    }
    return n;
  }
}
