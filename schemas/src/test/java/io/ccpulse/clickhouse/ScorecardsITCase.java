package io.ccpulse.clickhouse;

import static io.ccpulse.clickhouse.SqlRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hand-worked weeks through the scorecards (V036-V037, docs/scorecards.md), for a contact center in
 * New York (UTC-05:00 in January): its weeks start at 05:00 UTC on Mondays.
 *
 * <p>Queue ny.q1 (voice): agents A, B and D, D seen only in the leg facts, 1,000 legs of 300 s a
 * week. Queue ny.q2 (voice): agent E, facts only, 500 legs of 600 s in the first week. Weeks W1 = 5
 * January, W2 = 12 January, W3 = 19 January, W7 = 16 February.
 *
 * <ul>
 *   <li>A: W1 and W2 100 legs of 300 s (10 of W1's on Sunday 11 January at 22:05 in New York,
 *       Monday 03:05 UTC), 20 held, 5 transferred, 40 surveys of 4.2 on average, occupancy 0.8; W3
 *       rushes: 150 legs of 180 s, 30 held, 30 transferred, 40 surveys of 3.5, 28 h busy and 2 h
 *       available idle.
 *   <li>B: steady, 120 legs of 300 s a week on ny.q1 (24 held, 6 transferred, 40 surveys of 4.2,
 *       occupancy 0.8) in W1-W3, and in W7, when nobody else works ny.q1.
 *   <li>C: W1 only, 60 legs of 300 s on ny.q1 and 60 of 720 s on ny.q2 (12 held, 3 transferred, 30
 *       surveys of 3.7, NPS 20 from 30 answers), 12 h busy or idle at 0.95.
 * </ul>
 *
 * Targets: the tenant's row sets aht_vs_usual_max 1.10; ny.q2's row 1.30 and csat_min 4.0; every
 * other target is the default.
 */
class ScorecardsITCase {
  @RegisterExtension final ClickHouseExtension clickhouse = new ClickHouseExtension();

  private static final String T = "ny";

  private ClickHouseEndpoint endpoint() {
    return new ClickHouseEndpoint(
        clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
  }

  /** {@code n} completed legs of {@code handleS} seconds each, from {@code at} on (UTC). */
  private static String legs(String agent, String queue, String at, int n, int handleS) {
    return String.format(
        "INSERT INTO contact_facts (tenant_id, interaction_id, fact, at, channel, queue_id, agent_id,"
            + " handle_ms, version) SELECT '%s', concat('%s-', '%s-', toString(number)), 'LEG',"
            + " toDateTime64('%s', 3, 'UTC') + toIntervalSecond(number), 'VOICE', '%s', '%s', %d, 1"
            + " FROM numbers(%d)",
        T, agent, at, at, queue, agent, handleS * 1000L, n);
  }

  /** One 15-minute AGENT row (voice). */
  private static String agentRow(
      String agent,
      String start,
      long version,
      int handled,
      long handleS,
      int held,
      int transferred,
      int surveys,
      int csatSum) {
    return String.format(
        "INSERT INTO interval_metrics (tenant_id, entity_kind, entity_id, channel, interval_size_s,"
            + " interval_start, handled, handle_ms, held_contacts, transferred_out, csat_responses,"
            + " csat_sum, version) VALUES ('%s', 'AGENT', '%s', 'VOICE', 900, '%s', %d, %d, %d, %d,"
            + " %d, %d, %d)",
        T, agent, start, handled, handleS * 1000, held, transferred, surveys, csatSum, version);
  }

  /**
   * Agent-time quarters: {@code days} days from {@code first} (UTC), {@code quarters} a day, each
   * logged in throughout, {@code busyS} busy and the rest available idle.
   */
  private static String agentTime(String agent, String first, int days, int quarters, int busyS) {
    return String.format(
        "INSERT INTO agent_time (tenant_id, agent_id, interval_size_s, interval_start, logged_in_ms,"
            + " available_ms, busy_ms, available_idle_ms, version) SELECT '%s', '%s', 900,"
            + " toDateTime64('%s', 3, 'UTC') + toIntervalSecond(intDiv(number, %d) * 86400"
            + " + (number %% %d) * 900), 900000, 900000, %d, %d, 1 FROM numbers(%d)",
        T, agent, first, quarters, quarters, busyS * 1000, (900 - busyS) * 1000, days * quarters);
  }

  @Test
  void everyColumnOfEveryWeekAsWorkedByHand() throws Exception {
    new Migrator(endpoint(), Map.of()).migrate();
    TenantTimeZones.of(Map.of(T, "America/New_York")).write(endpoint());
    try (Connection conn = endpoint().open();
        Statement st = conn.createStatement()) {
      for (String w : List.of("2026-01-06", "2026-01-13", "2026-01-20")) {
        st.execute(legs("ny.D", "ny.q1", w + " 16:00:00", 1000, 300));
      }
      st.execute(legs("ny.E", "ny.q2", "2026-01-07 16:00:00", 500, 600));

      // A, W1: 90 legs on Tuesday, 10 on Sunday evening in New York (Monday in UTC).
      st.execute(legs("ny.A", "ny.q1", "2026-01-06 14:05:00", 90, 300));
      st.execute(legs("ny.A", "ny.q1", "2026-01-12 03:05:00", 10, 300));
      st.execute(agentRow("ny.A", "2026-01-06 14:00:00", 1, 90, 90 * 300, 18, 4, 36, 151));
      st.execute(agentRow("ny.A", "2026-01-12 03:00:00", 1, 10, 10 * 300, 2, 1, 4, 17));
      st.execute(agentTime("ny.A", "2026-01-05 13:00:00", 4, 25, 720));
      st.execute(agentTime("ny.A", "2026-01-12 04:45:00", 1, 1, 720)); // Sunday 23:45
      // A, W2: the same week; its row first written with 50 legs, then corrected.
      st.execute(legs("ny.A", "ny.q1", "2026-01-13 14:05:00", 100, 300));
      st.execute(agentRow("ny.A", "2026-01-13 14:00:00", 1, 50, 50 * 300, 10, 2, 20, 84));
      st.execute(agentRow("ny.A", "2026-01-13 14:00:00", 2, 100, 100 * 300, 20, 5, 40, 168));
      st.execute(agentTime("ny.A", "2026-01-12 13:00:00", 4, 25, 720));
      // A, W3: rushing.
      st.execute(legs("ny.A", "ny.q1", "2026-01-20 14:05:00", 150, 180));
      st.execute(agentRow("ny.A", "2026-01-20 14:00:00", 1, 150, 150 * 180, 30, 30, 40, 140));
      st.execute(agentTime("ny.A", "2026-01-19 13:00:00", 4, 30, 840));
      // 1-minute agent time is not the scorecards' grain.
      st.execute(agentTime("ny.A", "2026-01-19 13:00:00", 1, 1, 900).replace(" 900, t", " 60, t"));

      // B: Wednesdays, agent time from Mondays.
      for (String[] w :
          List.of(
              new String[] {"2026-01-07", "2026-01-05"},
              new String[] {"2026-01-14", "2026-01-12"},
              new String[] {"2026-01-21", "2026-01-19"},
              new String[] {"2026-02-18", "2026-02-16"})) {
        st.execute(legs("ny.B", "ny.q1", w[0] + " 14:05:00", 120, 300));
        st.execute(agentRow("ny.B", w[0] + " 14:00:00", 1, 120, 120 * 300, 24, 6, 40, 168));
        st.execute(agentTime("ny.B", w[1] + " 13:00:00", 4, 25, 720));
      }

      st.execute(legs("ny.C", "ny.q1", "2026-01-08 15:05:00", 60, 300));
      st.execute(legs("ny.C", "ny.q2", "2026-01-08 15:10:00", 60, 720));
      st.execute(
          agentRow("ny.C", "2026-01-08 15:00:00", 1, 120, 60 * 300 + 60 * 720, 12, 3, 30, 111)
              .replace(
                  "csat_sum, version)",
                  "csat_sum, nps_responses, nps_promoters," + " nps_detractors, version)")
              .replace(", 111, 1)", ", 111, 30, 12, 6, 1)"));
      st.execute(agentTime("ny.C", "2026-01-08 13:00:00", 1, 48, 855));

      st.execute(
          "INSERT INTO scorecard_targets (tenant_id, queue_id, aht_vs_usual_max, version)"
              + " VALUES ('ny', '', 1.10, 1)");
      st.execute(
          "INSERT INTO scorecard_targets (tenant_id, queue_id, aht_vs_usual_max, csat_min, version)"
              + " VALUES ('ny', 'ny.q2', 1.30, 4.0, 1)");

      assertThat(query(st, WEEK)).containsExactlyElementsOf(WEEK_EXPECTED.lines().toList());
      assertThat(query(st, BEFORE)).containsExactlyElementsOf(BEFORE_EXPECTED.lines().toList());
      assertThat(query(st, TARGETS)).containsExactlyElementsOf(TARGETS_EXPECTED.lines().toList());
      assertThat(query(st, FLAGS)).containsExactlyElementsOf(FLAGS_EXPECTED.lines().toList());

      // Configuration, read as the view is queried: nan for ny.q1's transfer rate means no
      // target, so A's W3 keeps its rise against its own weeks but loses the target's flag.
      st.execute(
          "INSERT INTO scorecard_targets (tenant_id, queue_id, transfer_rate_max, version)"
              + " VALUES ('ny', 'ny.q1', nan, 2)");
      assertThat(
              query(
                  st,
                  "SELECT t_transfer_rate_max, t_aht_vs_usual_max, arrayMap(f -> f.factor, flags)"
                      + " FROM agent_weekly_scorecards WHERE agent_id = 'ny.A' AND week = '2026-01-19'"))
          .containsExactly(
              "NaN 1.1 ['aht_vs_usual', 'aht_change', 'transfer_rate_change', 'csat_change',"
                  + " 'occupancy', 'occupancy_change']");
    }
  }

  /*
   * Every column, worked by hand (floats to 4 decimals). The usual of ny.q1 in a week is the other
   * agents' legs: 300 s but for B in W3 (A's 150 legs of 180 s and D's 1,000 of 300 s: 327,000 s /
   * 1,150 = 284.3478 s, B 1.0550 times it) and in W7 (nobody else: B's own, 1.0; its previous weeks
   * are W3 alone, W1 and W2 more than 4 weeks back: 1.0 / 1.0550 - 1 = -0.0522). C's usual is 60
   * legs at 300 s and 60 at 600 s, 450 s, against 510 s: 1.1333, under its target (60 x 1.10 + 60 x
   * 1.30) / 120 = 1.20 though over the tenant's 1.10; its CSAT target is (60 x 3.5 + 60 x 4.0) / 120
   * = 3.75. Previous weeks are pooled: A's W3 against W1 and W2 (200 legs, 10 transferred, 80
   * surveys of 4.2, 0.8 busy). Not judged, hence no change: C's occupancy (12 h, under 20 h), every
   * change without previous weeks. At the threshold is not over it: A's W3 CSAT 3.5. The zone: in
   * UTC, A's W1 would have 90 legs on 4 days and W2 110.
   */
  private static final String FROM =
      " FROM agent_weekly_scorecards WHERE tenant_id = 'ny' ORDER BY agent_id, week";

  /** The week's figures. */
  private static final String WEEK =
      "SELECT agent_id, week, iso_year, iso_week, days, handled, round(aht_s, 4),"
          + " round(aht_usual_s, 4), round(aht_vs_usual, 4), round(hold_rate, 4),"
          + " round(transfer_rate, 4), csat_responses, round(csat_avg, 4), nps_responses, nps,"
          + " logged_in_h, round(occupancy, 4)"
          + FROM;

  private static final String WEEK_EXPECTED =
      """
      ny.A 2026-01-05 2026 2 5 100 300.0 300.0 1.0 0.2 0.05 40 4.2 0 null 25.25 0.8
      ny.A 2026-01-12 2026 3 4 100 300.0 300.0 1.0 0.2 0.05 40 4.2 0 null 25.0 0.8
      ny.A 2026-01-19 2026 4 4 150 180.0 300.0 0.6 0.2 0.2 40 3.5 0 null 30.0 0.9333
      ny.B 2026-01-05 2026 2 4 120 300.0 300.0 1.0 0.2 0.05 40 4.2 0 null 25.0 0.8
      ny.B 2026-01-12 2026 3 4 120 300.0 300.0 1.0 0.2 0.05 40 4.2 0 null 25.0 0.8
      ny.B 2026-01-19 2026 4 4 120 300.0 284.3478 1.055 0.2 0.05 40 4.2 0 null 25.0 0.8
      ny.B 2026-02-16 2026 8 4 120 300.0 300.0 1.0 0.2 0.05 40 4.2 0 null 25.0 0.8
      ny.C 2026-01-05 2026 2 1 120 510.0 450.0 1.1333 0.1 0.025 30 3.7 30 20.0 12.0 0.95
      """;

  /** The previous weeks, pooled, and the changes from them. */
  private static final String BEFORE =
      "SELECT agent_id, week, prev_weeks, prev_handled, round(prev_aht_vs_usual, 4),"
          + " round(prev_hold_rate, 4), round(prev_transfer_rate, 4), prev_csat_responses,"
          + " round(prev_csat_avg, 4), prev_nps_responses, prev_nps, round(prev_occupancy, 4),"
          + " round(aht_change, 4), round(hold_rate_change, 4), round(transfer_rate_change, 4),"
          + " round(csat_change, 4), nps_change, round(occupancy_change, 4)"
          + FROM;

  private static final String BEFORE_EXPECTED =
      """
      ny.A 2026-01-05 0 0 null null null 0 null 0 null null null null null null null null
      ny.A 2026-01-12 1 100 1.0 0.2 0.05 40 4.2 0 null 0.8 0.0 0.0 0.0 0.0 null 0.0
      ny.A 2026-01-19 2 200 1.0 0.2 0.05 80 4.2 0 null 0.8 -0.4 0.0 0.15 -0.7 null 0.1333
      ny.B 2026-01-05 0 0 null null null 0 null 0 null null null null null null null null
      ny.B 2026-01-12 1 120 1.0 0.2 0.05 40 4.2 0 null 0.8 0.0 0.0 0.0 0.0 null 0.0
      ny.B 2026-01-19 2 240 1.0 0.2 0.05 80 4.2 0 null 0.8 0.055 0.0 0.0 0.0 null 0.0
      ny.B 2026-02-16 1 120 1.055 0.2 0.05 40 4.2 0 null 0.8 -0.0522 0.0 0.0 0.0 null 0.0
      ny.C 2026-01-05 0 0 null null null 0 null 0 null null null null null null null null
      """;

  /** The targets that apply, and how many flags. */
  private static final String TARGETS =
      "SELECT agent_id, week, t_aht_vs_usual_min, t_aht_vs_usual_max, t_aht_change_max,"
          + " t_hold_rate_max, t_hold_rate_rise_max, t_transfer_rate_max, t_transfer_rate_rise_max,"
          + " t_csat_min, t_csat_drop_max, t_nps_min, t_nps_drop_max, t_occupancy_max,"
          + " t_occupancy_rise_max, flag_count"
          + FROM;

  private static final String TARGETS_EXPECTED =
      """
      ny.A 2026-01-05 0.8 1.1 0.2 0.4 0.15 0.15 0.1 3.5 0.4 NaN NaN 0.9 0.1 0
      ny.A 2026-01-12 0.8 1.1 0.2 0.4 0.15 0.15 0.1 3.5 0.4 NaN NaN 0.9 0.1 0
      ny.A 2026-01-19 0.8 1.1 0.2 0.4 0.15 0.15 0.1 3.5 0.4 NaN NaN 0.9 0.1 7
      ny.B 2026-01-05 0.8 1.1 0.2 0.4 0.15 0.15 0.1 3.5 0.4 NaN NaN 0.9 0.1 0
      ny.B 2026-01-12 0.8 1.1 0.2 0.4 0.15 0.15 0.1 3.5 0.4 NaN NaN 0.9 0.1 0
      ny.B 2026-01-19 0.8 1.1 0.2 0.4 0.15 0.15 0.1 3.5 0.4 NaN NaN 0.9 0.1 0
      ny.B 2026-02-16 0.8 1.1 0.2 0.4 0.15 0.15 0.1 3.5 0.4 NaN NaN 0.9 0.1 0
      ny.C 2026-01-05 0.8 1.2 0.2 0.4 0.15 0.15 0.1 3.75 0.4 NaN NaN 0.9 0.1 1
      """;

  /** Every flag: factor, value, threshold, why. */
  private static final String FLAGS =
      "SELECT agent_id, week, f.factor, f.value, f.threshold, f.why"
          + " FROM agent_weekly_scorecards ARRAY JOIN flags AS f WHERE tenant_id = 'ny'"
          + " ORDER BY agent_id, week";

  private static final String FLAGS_EXPECTED =
      """
      ny.A 2026-01-19 aht_vs_usual 0.6 0.8 handle time below the usual of the queues handled
      ny.A 2026-01-19 aht_change -0.4 -0.2 handle time fell from own previous weeks (against the usual)
      ny.A 2026-01-19 transfer_rate 0.2 0.15 more contacts transferred than expected
      ny.A 2026-01-19 transfer_rate_change 0.15 0.1 more contacts transferred than in own previous weeks
      ny.A 2026-01-19 csat_change -0.7 -0.4 customers rated the contacts lower than in own previous weeks
      ny.A 2026-01-19 occupancy 0.9333 0.9 busier than planned: little time between contacts
      ny.A 2026-01-19 occupancy_change 0.1333 0.1 busier than in own previous weeks
      ny.C 2026-01-05 csat_avg 3.7 3.75 customers rated the contacts lower than expected
      """;
}
