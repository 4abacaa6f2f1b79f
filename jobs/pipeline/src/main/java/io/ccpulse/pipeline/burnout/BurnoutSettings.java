package io.ccpulse.pipeline.burnout;

import io.ccpulse.pipeline.config.PipelineConfig;
import java.io.Serializable;
import java.util.EnumMap;

/** The {@code burnout.*} configuration: thresholds, weights, windows, and the minimum evidence. */
public final class BurnoutSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public long intervalMs;
  public int elevatedScore;
  public int highScore;
  public long baselineMs;
  public long occupancyWindowMs;
  public long breakMinMs;
  public long breakEveryMs;
  public long backToBackGapMs;
  public double demandingHandleFactor;
  public int demandingMinContacts;
  public int driftMinContacts;
  public int driftBaselineContacts;
  public long concurrencyBaselineBusyMs;
  public long maxSilenceMs;
  final EnumMap<Factor, Double> thresholds = new EnumMap<>(Factor.class);
  final EnumMap<Factor, Integer> weights = new EnumMap<>(Factor.class);

  public static BurnoutSettings from(PipelineConfig c) {
    BurnoutSettings s = new BurnoutSettings();
    s.intervalMs = c.getDuration("burnout.interval").toMillis();
    s.elevatedScore = c.getInt("burnout.level.elevated");
    s.highScore = c.getInt("burnout.level.high");
    s.baselineMs = c.getDuration("burnout.baseline.length").toMillis();
    s.occupancyWindowMs = c.getDuration("burnout.occupancy.window").toMillis();
    s.breakMinMs = c.getDuration("burnout.break.min-length").toMillis();
    s.breakEveryMs = c.getDuration("burnout.break.every").toMillis();
    s.backToBackGapMs = c.getDuration("burnout.back-to-back.max-gap").toMillis();
    s.demandingHandleFactor = Double.parseDouble(c.get("burnout.demanding.handle-factor"));
    s.demandingMinContacts = c.getInt("burnout.demanding.min-contacts");
    s.driftMinContacts = c.getInt("burnout.handle-drift.min-contacts");
    s.driftBaselineContacts = c.getInt("burnout.handle-drift.baseline-contacts");
    s.concurrencyBaselineBusyMs = c.getDuration("burnout.concurrency.baseline-busy").toMillis();
    s.maxSilenceMs = c.getDuration("burnout.shift.max-silence").toMillis();
    for (Factor f : Factor.values()) {
      String key = "burnout." + f.key + ".threshold";
      // Durations (logged-in, since-break) are judged in hours.
      double t =
          f == Factor.LOGGED_IN || f == Factor.SINCE_BREAK
              ? c.getDuration(key).toMillis() / 3_600_000.0
              : Double.parseDouble(c.get(key));
      s.thresholds.put(f, t);
      s.weights.put(f, c.getInt("burnout." + f.key + ".weight"));
    }
    if (s.occupancyWindowMs % 60_000 != 0 || s.elevatedScore > s.highScore) {
      throw new IllegalArgumentException(
          "burnout.occupancy.window must be whole minutes and burnout.level.elevated ≤ burnout.level.high");
    }
    return s;
  }

  public double threshold(Factor f) {
    return thresholds.get(f);
  }

  public int weight(Factor f) {
    return weights.get(f);
  }
}
