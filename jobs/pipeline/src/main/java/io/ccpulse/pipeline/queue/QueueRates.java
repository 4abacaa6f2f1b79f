package io.ccpulse.pipeline.queue;

import java.util.Arrays;

/**
 * What a queue's estimates are made of, measured live over the rolling window (a ring of per-bucket
 * sums, as {@link OutcomeWindow}): arrivals, handle times of the legs it sent to agents, how long
 * waits lasted and how many were abandoned (the patience), and how long a contact that found an
 * agent free still waited (the routing and alerting delay). A Flink POJO with its logic.
 */
public class QueueRates {
  public long bucketMs;
  public long[] bucketStart;

  /** Per bucket: waits started. */
  public int[] arrived;

  /** Legs answered from the queue and wrapped up, and their handle times (answer to wrap-up). */
  public int[] handled;

  public long[] handleMs;

  /** Waits ended (answered, abandoned, moved on) and their lengths; abandons among them. */
  public int[] ended;

  public long[] waitedMs;
  public int[] abandoned;

  /** Answered waits that began with an agent free, and their lengths. */
  public int[] quick;

  public long[] quickMs;

  /** Contacts waiting now whose wait began with an agent free. */
  public String[] quickIds = new String[0];

  /** When the queue was first seen: early on, the rates are over the time seen so far. */
  public long since = Long.MIN_VALUE;

  /** Mean handle time of the latest window that had one (kept through a quiet window); -1: none. */
  public long lastHandleMs = -1;

  /** The staffing inputs last computed (rounded) and the servers they need: a cache. */
  public long[] staffInputs;

  public int staffServers;

  public QueueRates() {}

  public static QueueRates of(long windowMs, long bucketMs) {
    int n = (int) Math.max(1, (windowMs + bucketMs - 1) / bucketMs);
    QueueRates r = new QueueRates();
    r.bucketMs = bucketMs;
    r.bucketStart = new long[n];
    Arrays.fill(r.bucketStart, Long.MIN_VALUE);
    r.arrived = new int[n];
    r.handled = new int[n];
    r.handleMs = new long[n];
    r.ended = new int[n];
    r.waitedMs = new long[n];
    r.abandoned = new int[n];
    r.quick = new int[n];
    r.quickMs = new long[n];
    return r;
  }

  public void started(String interactionId, long at, boolean agentFree) {
    int i = bucket(at);
    if (i >= 0) {
      arrived[i]++;
    }
    if (agentFree && Ids.indexOf(quickIds, interactionId) < 0) {
      quickIds = Ids.plus(quickIds, interactionId);
    }
  }

  public void ended(String interactionId, long at, WaitOutcome outcome, long waitMs) {
    int q = Ids.indexOf(quickIds, interactionId);
    if (q >= 0) {
      quickIds = Ids.without(quickIds, q);
    }
    int i = bucket(at);
    if (i < 0 || outcome == WaitOutcome.CLOSED) {
      return;
    }
    ended[i]++;
    waitedMs[i] += waitMs;
    if (outcome == WaitOutcome.ABANDONED) {
      abandoned[i]++;
    } else if (outcome == WaitOutcome.ANSWERED && q >= 0) {
      quick[i]++;
      quickMs[i] += waitMs;
    }
  }

  public void handled(long at, long ms) {
    int i = bucket(at);
    if (i >= 0) {
      handled[i]++;
      handleMs[i] += ms;
    }
  }

  /**
   * The window's figures at {@code now}: the sums, and the rates per millisecond. {@code
   * waitingSince}: the contacts waiting now, whose time so far counts as exposure to abandoning.
   */
  public Measured measure(long now, long[] waitingSince) {
    Measured m = new Measured();
    long from = now - bucketMs * bucketStart.length;
    long waited = 0;
    int abandons = 0;
    long quickSum = 0;
    int quickCount = 0;
    long handleSum = 0;
    int handles = 0;
    for (int i = 0; i < bucketStart.length; i++) {
      if (bucketStart[i] > from && bucketStart[i] <= now) {
        m.arrived += arrived[i];
        handles += handled[i];
        handleSum += handleMs[i];
        waited += waitedMs[i];
        abandons += abandoned[i];
        quickCount += quick[i];
        quickSum += quickMs[i];
      }
    }
    for (long t : waitingSince) {
      waited += Math.max(0, now - t);
    }
    if (handles > 0) {
      lastHandleMs = Math.round((double) handleSum / handles);
    }
    m.handleMs = lastHandleMs;
    // Over the buckets counted (the oldest starts a bucket after `from`; the newest is the one in
    // progress), or the time seen if shorter, and at least a minute: a queue just opened is not
    // idle.
    long counted = now - (Math.floorDiv(from, bucketMs) * bucketMs + bucketMs);
    long seen = since == Long.MIN_VALUE ? 0 : now - since;
    long span = Math.max(60_000, Math.min(counted, seen));
    m.arrivalsPerMs = (double) m.arrived / span;
    m.abandonsPerMsWaited = waited > 0 ? (double) abandons / waited : 0;
    m.quickWaitMs = quickCount > 0 ? (double) quickSum / quickCount : 0;
    return m;
  }

  /** The window's figures at one moment. */
  public static final class Measured {
    public int arrived;
    public double arrivalsPerMs;

    /** Mean handle time; -1 when none has been seen. */
    public long handleMs = -1;

    /** Patience: abandons per millisecond waited (the rate θ of exponential patience). */
    public double abandonsPerMsWaited;

    /** Mean wait of contacts that found an agent free. */
    public double quickWaitMs;
  }

  /** The ring slot for {@code at}, reset if it held an older bucket; -1 if older than the ring. */
  private int bucket(long at) {
    if (since == Long.MIN_VALUE || at < since) {
      since = at;
    }
    long start = Math.floorDiv(at, bucketMs) * bucketMs;
    int i = (int) Math.floorMod(Math.floorDiv(at, bucketMs), (long) bucketStart.length);
    if (bucketStart[i] > start) {
      return -1;
    }
    if (bucketStart[i] < start) {
      bucketStart[i] = start;
      arrived[i] = handled[i] = ended[i] = abandoned[i] = quick[i] = 0;
      handleMs[i] = waitedMs[i] = quickMs[i] = 0;
    }
    return i;
  }
}
