package io.ccpulse.local.bench;

import io.ccpulse.simulator.truth.EntityKind;
import io.ccpulse.simulator.truth.Figure;
import io.ccpulse.simulator.truth.TruthRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the peer's queue figures are from the simulator's truth: its 15-minute QUEUE rows,
 * compared on the figures the peer computes ({@link PeerQuery#FIGURES}). A truth row counts when
 * any of those figures is non-zero (a row with only surveys or arrivals is none of the peer's
 * business); a row differs when a figure is unlike, or it is on one side only.
 */
final class PeerComparison {
  private static final Duration QUARTER = Duration.ofMinutes(15);

  /**
   * @param truthRows the truth's 15-minute queue rows with a figure of the peer's
   * @param differing rows with at least one figure unlike
   * @param missing truth rows the peer has not
   * @param extra peer rows the truth has not
   * @param examples a few of the differences, to see what kind they are
   */
  record Report(
      int truthRows, int peerRows, int differing, int missing, int extra, List<String> examples) {
    int differences() {
      return differing + missing + extra;
    }

    @Override
    public String toString() {
      return String.format(
          "%,d of %,d truth rows differ (%,d with a figure unlike, %,d missing, %,d not in the"
              + " truth; the peer wrote %,d rows)",
          differences(), truthRows, differing, missing, extra, peerRows);
    }
  }

  private PeerComparison() {}

  static Report compare(List<TruthRow> truth, List<PeerQuery.Row> peer) {
    Map<String, long[]> expected = new HashMap<>();
    for (TruthRow row : truth) {
      if (row.kind() != EntityKind.QUEUE || !row.intervalSize().equals(QUARTER)) {
        continue;
      }
      long[] figures = new long[PeerQuery.FIGURES.size()];
      boolean any = false;
      for (int i = 0; i < figures.length; i++) {
        figures[i] = row.get(Figure.ofColumn(PeerQuery.FIGURES.get(i)));
        any |= figures[i] != 0;
      }
      if (any) {
        expected.put(
            key(row.tenantId(), row.queueId(), row.intervalStart().toEpochMilli()), figures);
      }
    }
    int truthRows = expected.size();
    int differing = 0;
    int extra = 0;
    List<String> examples = new ArrayList<>();
    for (PeerQuery.Row row : peer) {
      String key = key(row.tenant(), row.queue(), row.intervalStartMs());
      long[] want = expected.remove(key);
      if (want == null) {
        extra++;
        example(examples, "not in the truth: " + key + " " + Arrays.toString(row.figures()));
      } else if (!Arrays.equals(want, row.figures())) {
        differing++;
        example(
            examples,
            key + ": expected " + Arrays.toString(want) + " got " + Arrays.toString(row.figures()));
      }
    }
    expected.forEach(
        (key, want) -> example(examples, "missing: " + key + " " + Arrays.toString(want)));
    return new Report(truthRows, peer.size(), differing, expected.size(), extra, examples);
  }

  private static void example(List<String> examples, String text) {
    if (examples.size() < 5) {
      examples.add(text);
    }
  }

  private static String key(String tenant, String queue, long startMs) {
    return tenant + "/" + queue + "@" + Instant.ofEpochMilli(startMs);
  }
}
