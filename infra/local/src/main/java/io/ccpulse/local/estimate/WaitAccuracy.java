package io.ccpulse.local.estimate;

import io.ccpulse.events.Channel;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.pipeline.queue.QueueSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How good the live wait estimate was: for every wait that began in a queue, the estimate a caller
 * would have been told (the queue's latest snapshot before the wait began, as the queue-wait topic
 * had it) against the wait it really had. Answered waits only: an abandoned caller's wait to an
 * answer is unknown (it is at least its time to abandon), so those are counted apart.
 */
public final class WaitAccuracy {
  /** One channel's (or all channels') figures. Errors are estimate − actual, in seconds. */
  public record Row(
      String channel,
      int answered,
      int estimated,
      int abandoned,
      double meanActualS,
      double maeS,
      double p50S,
      double p90S,
      double biasS) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "| %s | %,d | %,d (%.1f %%) | %,d | %.1f | %.1f | %.1f | %.1f | %+.1f |",
          channel,
          answered,
          estimated,
          answered == 0 ? 0 : 100.0 * estimated / answered,
          abandoned,
          meanActualS,
          maeS,
          p50S,
          p90S,
          biasS);
    }
  }

  public static final String HEADER =
      "| channel | answered waits | with an estimate | abandoned (apart) | mean wait s | MAE s |"
          + " p50 abs. error s | p90 abs. error s | bias s |\n|---|---|---|---|---|---|---|---|---|";

  private WaitAccuracy() {}

  /** Per channel, then all together (channel "all"). */
  public static List<Row> evaluate(List<LiveReplay.Mixed> events, List<QueueSnapshot> snapshots) {
    Map<String, TreeMap<Long, QueueSnapshot>> byQueue = new HashMap<>();
    for (QueueSnapshot s : snapshots) {
      byQueue.computeIfAbsent(s.tenantId + "/" + s.queueId, k -> new TreeMap<>()).put(s.at, s);
    }
    Map<String, long[]> open = new HashMap<>(); // contact -> {queuedAt, estimate or -1}
    Map<String, String> openQueue = new HashMap<>();
    Map<Channel, List<double[]>> pairs = new EnumMap<>(Channel.class); // {estimate s, actual s}
    Map<Channel, int[]> counts = new EnumMap<>(Channel.class); // {answered, abandoned}
    long firstHalfHour = events.isEmpty() ? 0 : events.get(0).at + 30 * 60_000L;
    List<double[]> early = new ArrayList<>();
    List<double[]> later = new ArrayList<>();
    for (LiveReplay.Mixed m : events) {
      if (m.interaction == null) {
        continue;
      }
      InteractionEvent e = m.interaction.event;
      String contact = e.getTenantId() + "/" + e.getInteractionId();
      switch (e.getType()) {
        case QUEUED -> {
          String queue = e.getTenantId() + "/" + e.getQueueId();
          TreeMap<Long, QueueSnapshot> series = byQueue.get(queue);
          Map.Entry<Long, QueueSnapshot> told = series == null ? null : series.lowerEntry(m.at);
          open.put(contact, new long[] {m.at, told == null ? -1 : told.getValue().estimatedWaitMs});
          openQueue.put(contact, queue);
        }
        case ANSWERED, ABANDONED -> {
          long[] wait = open.remove(contact);
          openQueue.remove(contact);
          if (wait == null) {
            continue;
          }
          int[] c = counts.computeIfAbsent(e.getChannel(), k -> new int[2]);
          if (e.getType().name().equals("ABANDONED")) {
            c[1]++;
            continue;
          }
          c[0]++;
          double[] pair = {wait[1] < 0 ? Double.NaN : wait[1] / 1000.0, (m.at - wait[0]) / 1000.0};
          pairs.computeIfAbsent(e.getChannel(), k -> new ArrayList<>()).add(pair);
          (wait[0] < firstHalfHour ? early : later).add(pair);
        }
        default -> {}
      }
    }
    List<Row> rows = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    int[] allCounts = new int[2];
    for (Map.Entry<Channel, int[]> c : counts.entrySet()) {
      List<double[]> p = pairs.getOrDefault(c.getKey(), List.of());
      rows.add(row(c.getKey().name(), c.getValue(), p));
      all.addAll(p);
      allCounts[0] += c.getValue()[0];
      allCounts[1] += c.getValue()[1];
    }
    rows.add(row("all", allCounts, all));
    rows.add(row("all, begun in the first 30 min", new int[] {early.size(), 0}, early));
    rows.add(row("all, begun later", new int[] {later.size(), 0}, later));
    return rows;
  }

  private static Row row(String channel, int[] counts, List<double[]> pairs) {
    List<Double> abs = new ArrayList<>();
    double sumAbs = 0;
    double sum = 0;
    double actual = 0;
    for (double[] p : pairs) {
      actual += p[1];
      if (Double.isNaN(p[0])) {
        continue;
      }
      double err = p[0] - p[1];
      abs.add(Math.abs(err));
      sumAbs += Math.abs(err);
      sum += err;
    }
    abs.sort(null);
    int n = abs.size();
    return new Row(
        channel,
        counts[0],
        n,
        counts[1],
        pairs.isEmpty() ? Double.NaN : actual / pairs.size(),
        n == 0 ? Double.NaN : sumAbs / n,
        rank(abs, 50),
        rank(abs, 90),
        n == 0 ? Double.NaN : sum / n);
  }

  /** Nearest rank: a measured value. */
  private static double rank(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int r = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, r - 1)));
  }
}
