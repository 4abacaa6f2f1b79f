package io.ccpulse.pipeline.burnout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A score 0–100, its level and the factors behind it. The score is the sum of the weights of the
 * indicators over their thresholds: nothing hidden, every point traceable to a factor.
 */
public record Assessment(int score, Level level, List<Contribution> factors, double[] values) {

  public static Assessment of(double[] values, BurnoutSettings s) {
    List<Contribution> over = new ArrayList<>();
    int score = 0;
    for (Factor f : Factor.values()) {
      double v = values[f.ordinal()];
      if (f.over(v, s.threshold(f))) {
        over.add(new Contribution(f, v, s.threshold(f), s.weight(f)));
        score += s.weight(f);
      }
    }
    score = Math.min(100, score);
    Level level =
        score >= s.highScore ? Level.HIGH : score >= s.elevatedScore ? Level.ELEVATED : Level.LOW;
    return new Assessment(score, level, List.copyOf(over), values.clone());
  }

  /**
   * The factors as a JSON array: {@code
   * [{"factor":"occupancy_rolling","value":0.95,"threshold":0.9,"weight":15}]}.
   */
  public String factorsJson() {
    StringBuilder sb = new StringBuilder("[");
    for (Contribution c : factors) {
      sb.append(sb.length() > 1 ? "," : "")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"factor\":\"%s\",\"value\":%.4f,\"threshold\":%.4f,\"weight\":%d}",
                  c.factor().column,
                  c.value(),
                  c.threshold(),
                  c.weight()));
    }
    return sb.append(']').toString();
  }
}
