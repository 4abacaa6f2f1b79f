package io.ccpulse.pipeline.queue;

/**
 * Queue outcomes of the last window (15 minutes by default), rolling in steps of one bucket (the
 * refresh cadence): a ring of per-bucket counts, so the state stays the same size however busy the
 * queue is. A Flink POJO with its logic.
 */
public class OutcomeWindow {
  public long bucketMs;
  public long[] bucketStart;

  /**
   * Per bucket: waits ended (answered + abandoned + moved on), answered, answered within the
   * service-level threshold, abandoned, short abandons.
   */
  public int[] offered;

  public int[] answered;
  public int[] answeredInSl;
  public int[] abandoned;
  public int[] shortAbandoned;

  public OutcomeWindow() {}

  public static OutcomeWindow of(long windowMs, long bucketMs) {
    int n = (int) Math.max(1, (windowMs + bucketMs - 1) / bucketMs);
    OutcomeWindow w = new OutcomeWindow();
    w.bucketMs = bucketMs;
    w.bucketStart = new long[n];
    java.util.Arrays.fill(w.bucketStart, Long.MIN_VALUE);
    w.offered = new int[n];
    w.answered = new int[n];
    w.answeredInSl = new int[n];
    w.abandoned = new int[n];
    w.shortAbandoned = new int[n];
    return w;
  }

  /**
   * Counts a wait that ended at {@code at}; one older than the ring is ignored (it is out of the
   * window).
   */
  public void add(
      long at, WaitOutcome outcome, long waitMs, long serviceLevelMs, long shortAbandonMs) {
    if (outcome == WaitOutcome.CLOSED) {
      return;
    }
    long start = Math.floorDiv(at, bucketMs) * bucketMs;
    int i = (int) Math.floorMod(Math.floorDiv(at, bucketMs), (long) bucketStart.length);
    if (bucketStart[i] > start) {
      return;
    }
    if (bucketStart[i] < start) {
      bucketStart[i] = start;
      offered[i] = answered[i] = answeredInSl[i] = abandoned[i] = shortAbandoned[i] = 0;
    }
    offered[i]++;
    if (outcome == WaitOutcome.ANSWERED) {
      answered[i]++;
      if (waitMs <= serviceLevelMs) {
        answeredInSl[i]++;
      }
    } else if (outcome == WaitOutcome.ABANDONED) {
      abandoned[i]++;
      if (waitMs < shortAbandonMs) {
        shortAbandoned[i]++;
      }
    }
  }

  /** Sums of the buckets in the window ending at {@code now}, into the snapshot. */
  public void sumInto(QueueSnapshot s, long now) {
    long from = now - bucketMs * bucketStart.length;
    for (int i = 0; i < bucketStart.length; i++) {
      if (bucketStart[i] > from && bucketStart[i] <= now) {
        s.offered += offered[i];
        s.answered += answered[i];
        s.answeredInSl += answeredInSl[i];
        s.abandoned += abandoned[i];
        s.shortAbandoned += shortAbandoned[i];
      }
    }
  }

  /** Nothing counted in the window ending at {@code now}. */
  public boolean emptyAt(long now) {
    long from = now - bucketMs * bucketStart.length;
    for (int i = 0; i < bucketStart.length; i++) {
      if (bucketStart[i] > from && bucketStart[i] <= now && offered[i] > 0) {
        return false;
      }
    }
    return true;
  }
}
