package io.ccpulse.local.bench;

import java.util.List;

/**
 * The large preset's 15-minute interval rows, made in ClickHouse from {@code numbers()} rather than
 * simulated event by event: per tenant (10) and day, 200 agents on 8.5-hour shifts (34 quarter
 * hours, starting at a different quarter hour per agent and day): 110 voice agents with a VOICE
 * row, 60 digital agents with a CHAT and a MESSAGING row, 30 email agents with an EMAIL row; 12
 * queues and 4 tenant channels with a row every quarter hour around the clock. Figures are
 * plausible (consistent sums: answered + abandoned = offered, within service level at most
 * answered), drawn from a hash of the row; 1% of rows are written again with a higher version and
 * other figures, as a late correction is. Each survey row has an NPS score too (0-10 from the
 * hash).
 */
final class RollupRows {
  private RollupRows() {}

  private static final String START = "toDateTime64('2026-01-01 00:00:00', 3, 'UTC')";

  private static final String LEG_COLUMNS =
      "tenant_id, entity_kind, entity_id, channel, interval_size_s, interval_start, handled, talk_ms,"
          + " hold_ms, acw_ms, handle_ms, hold_count, held_contacts, transferred_out, csat_responses,"
          + " csat_sum, csat_satisfied, nps_responses, nps_promoters, nps_detractors, version";

  private static final String QUEUE_COLUMNS =
      LEG_COLUMNS.replace(
          ", version",
          ", entered, offered, answered, abandoned, short_abandoned, abandon_time_ms,"
              + " wait_answered_ms, wait_max_ms, answered_within_sl, version");

  /** Leg and CSAT figures from the hash h, then the version (1 + c for a correction). */
  private static final String LEG_FIGURES =
      "h % 4 AS handled, handled * (150000 + h % 200000), handled * (h % 30000), handled * 40000,"
          + " handled * (190000 + h % 230000), bitShiftRight(h, 8) % 2, bitShiftRight(h, 8) % 2,"
          + " if(bitShiftRight(h, 12) % 20 = 0, 1, 0), bitShiftRight(h, 16) % 2,"
          + " (bitShiftRight(h, 16) % 2) * (1 + bitShiftRight(h, 20) % 5),"
          + " (bitShiftRight(h, 16) % 2) * if(bitShiftRight(h, 20) % 5 >= 3, 1, 0),"
          + " bitShiftRight(h, 16) % 2 AS nps_r, nps_r * if(bitShiftRight(h, 32) % 11 >= 9, 1, 0),"
          + " nps_r * if(bitShiftRight(h, 32) % 11 <= 6, 1, 0)";

  private static final String QUEUE_FIGURES =
      LEG_FIGURES.replace("h % 4 AS handled", "answered AS handled")
          + ", offered, h % 40 AS offered, offered - abandoned AS answered,"
          + " bitShiftRight(h, 24) % (intDiv(offered, 8) + 1) AS abandoned, intDiv(abandoned, 3),"
          + " abandoned * 60000, answered * (5000 + bitShiftRight(h, 28) % 30000),"
          + " if(answered = 0, 0, 20000 + bitShiftRight(h, 28) % 90000), intDiv(answered * 8, 10)";

  /**
   * The INSERTs for {@code days} days from day {@code from} (0: 2026-01-01), then their
   * corrections.
   */
  static List<String> inserts(int from, int days) {
    String agents = // n over tenants (10) x agents (200) x quarter hours of the shift (34)
        rows(
            LEG_COLUMNS,
            "AGENT",
            "concat(tenant_id, '.a', leftPad(toString(a + 1), 4, '0'))",
            "multiIf(a < 110, 'VOICE', a < 170, 'CHAT', 'EMAIL')",
            "((a * 13 + d * 7) % 62 + k) * 900",
            LEG_FIGURES,
            "intDiv(r, 6800) AS t, intDiv(r % 6800, 34) AS a, r % 34 AS k",
            68_000,
            from,
            days);
    String secondChannel = // the digital agents' messaging: tenants x 60 agents x 34
        rows(
            LEG_COLUMNS,
            "AGENT",
            "concat(tenant_id, '.a', leftPad(toString(a + 111), 4, '0'))",
            "'MESSAGING'",
            "((a * 13 + d * 7) % 62 + k) * 900",
            LEG_FIGURES,
            "intDiv(r, 2040) AS t, intDiv(r % 2040, 34) AS a, r % 34 AS k",
            20_400,
            from,
            days);
    String queues = // tenants x 12 queues x 96 quarter hours
        rows(
            QUEUE_COLUMNS,
            "QUEUE",
            "concat(tenant_id, '.q', leftPad(toString(a + 1), 2, '0'))",
            "['VOICE', 'CHAT', 'MESSAGING', 'EMAIL', 'VOICE', 'CHAT', 'MESSAGING', 'EMAIL', 'VOICE',"
                + " 'VOICE', 'CHAT', 'EMAIL'][a + 1]",
            "k * 900",
            QUEUE_FIGURES,
            "intDiv(r, 1152) AS t, intDiv(r % 1152, 96) AS a, r % 96 AS k",
            11_520,
            from,
            days);
    String channels = // tenants x 4 channels x 96 quarter hours
        rows(
            QUEUE_COLUMNS,
            "TENANT_CHANNEL",
            "channel",
            "['VOICE', 'CHAT', 'MESSAGING', 'EMAIL'][a + 1]",
            "k * 900",
            QUEUE_FIGURES,
            "intDiv(r, 384) AS t, intDiv(r % 384, 96) AS a, r % 96 AS k",
            3_840,
            from,
            days);
    return List.of(
        agents,
        secondChannel,
        queues,
        channels,
        corrected(agents),
        corrected(secondChannel),
        corrected(queues),
        corrected(channels));
  }

  /**
   * Rows of one kind: {@code perDay} a day, row r of day d decoded by {@code decode} into t
   * (tenant) and the kind's own indices; h is the row's hash, c 0 (1 for a correction).
   */
  private static String rows(
      String columns,
      String kind,
      String entity,
      String channel,
      String offsetSeconds,
      String figures,
      String decode,
      long perDay,
      int from,
      int days) {
    return "INSERT INTO interval_metrics ("
        + columns
        + ") SELECT concat('t', leftPad(toString(t + 1), 2, '0')) AS tenant_id, '"
        + kind
        + "', "
        + entity
        + ", "
        + channel
        + " AS channel, 900, "
        + START
        + " + toIntervalSecond(d * 86400 + "
        + offsetSeconds
        + "), "
        + figures
        + ", 1767225600000 + c FROM (SELECT number AS n, intDiv(n, "
        + perDay
        + ") + "
        + from
        + " AS d, n % "
        + perDay
        + " AS r, "
        + decode
        + ", 0 AS c, cityHash64(n, d, c) AS h FROM numbers("
        + perDay * days
        + ")) SETTINGS max_block_size = 1048576, min_insert_block_size_rows = 1048576";
  }

  /**
   * The last of {@code days} days written again a version higher, as the job writes the day in
   * progress: its months are then summed from the 15-minute rows until a refresh stores them.
   */
  static String lastDayAgain(int days) {
    return "INSERT INTO interval_metrics SELECT * REPLACE (version + 1 AS version)"
        + " FROM interval_metrics FINAL WHERE interval_start >= "
        + START
        + " + toIntervalDay("
        + (days - 1)
        + ")";
  }

  /** The same rows' 1% corrected: a higher version and figures from another hash. */
  private static String corrected(String insert) {
    return insert
        .replace("0 AS c,", "1 AS c,")
        .replace(")) SETTINGS", ") WHERE cityHash64(n, d) % 100 = 0) SETTINGS");
  }
}
