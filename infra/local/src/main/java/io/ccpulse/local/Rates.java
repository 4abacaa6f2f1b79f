package io.ccpulse.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The analysts' rates, computed here from sums the way docs/metrics.md §8 defines them (sum first,
 * divide last; no rate where its base is 0), to check the views' own SQL against. Times in seconds,
 * as the views show them.
 */
final class Rates {
  static final String[] INTERVAL = {
    "aht_s", "asa_s", "abandon_rate", "service_level", "transfer_rate", "csat_avg", "nps"
  };
  static final String[] AGENT_TIME = {"occupancy"};

  private Rates() {}

  /**
   * The interval rates, from a row's (or a day's) figure sums by column name; null where the base
   * is 0.
   */
  static Map<String, Double> ofInterval(Map<String, Long> sums) {
    long handled = sums.get("handled");
    long answered = sums.get("answered");
    long offered = sums.get("offered");
    long shortAbandoned = sums.get("short_abandoned");
    long responses = sums.get("csat_responses");
    Map<String, Double> rates = new LinkedHashMap<>();
    rates.put("aht_s", ratio(sums.get("handle_ms"), handled * 1000.0));
    rates.put("asa_s", ratio(sums.get("wait_answered_ms"), answered * 1000.0));
    // Short abandons (misdials, instant hang-ups) leave both numerator and base.
    rates.put(
        "abandon_rate", ratio(sums.get("abandoned") - shortAbandoned, offered - shortAbandoned));
    rates.put("service_level", ratio(sums.get("answered_within_sl"), offered - shortAbandoned));
    rates.put("transfer_rate", ratio(sums.get("transferred_out"), handled));
    rates.put("csat_avg", ratio(sums.get("csat_sum"), responses));
    // NPS: promoters (9-10) less detractors (0-6), per 100 surveys that asked it; -100 to 100.
    rates.put(
        "nps",
        ratio(
            100.0 * (sums.get("nps_promoters") - sums.get("nps_detractors")),
            sums.get("nps_responses")));
    return rates;
  }

  /** Occupancy: busy over busy plus available idle (a break is neither). */
  static Map<String, Double> ofAgentTime(Map<String, Long> sums) {
    long busy = sums.get("busy_ms");
    Map<String, Double> rates = new LinkedHashMap<>();
    rates.put("occupancy", ratio(busy, busy + sums.get("available_idle_ms")));
    return rates;
  }

  private static Double ratio(double numerator, double base) {
    return base == 0 ? null : numerator / base;
  }

  /**
   * Equal, or both absent; floating point compared to a part in 10^9 (SQL divides in another
   * order).
   */
  static boolean same(Double expected, Double actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
}
