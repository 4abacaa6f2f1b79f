package io.ccpulse.pipeline.burnout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ccpulse.pipeline.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

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
   * [{"factor":"occupancy_rolling","value":0.9500,"threshold":0.9000,"weight":15}]}, value and
   * threshold with four decimals.
   */
  public String factorsJson() {
    if (factors.isEmpty()) {
      return "[]"; // most assessments: not worth a JSON writer
    }
    ArrayNode array = Json.array();
    for (Contribution c : factors) {
      array
          .addObject()
          .put("factor", c.factor().column)
          .put("value", fourDecimals(c.value()))
          .put("threshold", fourDecimals(c.threshold()))
          .put("weight", c.weight());
    }
    return Json.write(array);
  }

  private static BigDecimal fourDecimals(double v) {
    return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP) : null;
  }
}
