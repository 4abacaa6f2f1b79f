package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.simulator.truth.ContactFactTruth;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * contact_facts as analysts read it (FINAL: retracted facts gone) against the simulator's own
 * contacts: every arrival, transfer in, end of a queue wait, completed leg and survey of every
 * on-time contact, every column, once; and nothing else.
 */
public final class ContactFactCheck {
  /** Facts expected, and those missing or not in the truth (the first few listed, all counted). */
  public record Report(int expected, List<String> differences, int differenceCount) {
    public boolean allMatch() {
      return differenceCount == 0;
    }
  }

  private ContactFactCheck() {}

  public static Report check(List<ContactFactTruth> truth, ClickHouseEndpoint endpoint)
      throws SQLException {
    List<String> stored = new ArrayList<>();
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT fact, tenant_id, interaction_id, at, channel, queue_id, agent_id,"
                    + " customer_id, answered_at, wait_ms, talk_ms, hold_ms, hold_count, acw_ms, handle_ms, transferred, csat,"
                    + " callback"
                    + " FROM contact_facts FINAL")) {
      while (rs.next()) {
        OffsetDateTime answeredAt = rs.getObject(9, OffsetDateTime.class);
        stored.add(
            row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant().toEpochMilli(),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                answeredAt == null ? 0 : answeredAt.toInstant().toEpochMilli(),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getLong(13),
                rs.getLong(14),
                rs.getLong(15),
                rs.getBoolean(16),
                rs.getBoolean(18),
                rs.getInt(17)));
      }
    }
    return compare(truth.stream().map(ContactFactCheck::row).toList(), stored);
  }

  /**
   * The deleting rows in contact_facts (read without FINAL): each a fact a late event took back. A
   * run with some shows that the comparison covered corrected facts.
   */
  public static long deletingRows(ClickHouseEndpoint endpoint) throws SQLException {
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT count() FROM contact_facts WHERE is_deleted = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The comparison itself, on facts already written as rows (so it can be tested without a
   * cluster).
   */
  static Report compare(List<String> expected, List<String> stored) {
    Map<String, Integer> left = new HashMap<>();
    stored.forEach(r -> left.merge(r, 1, Integer::sum));
    List<String> differences = new ArrayList<>();
    int[] count = new int[1];
    for (String want : expected) {
      if (left.merge(want, -1, Integer::sum) < 0) {
        note(differences, count, "missing in contact_facts: " + want);
      }
    }
    left.forEach(
        (row, n) -> {
          for (int i = 0; i < n; i++) {
            note(differences, count, "not in the truth: " + row);
          }
        });
    return new Report(expected.size(), differences, count[0]);
  }

  private static void note(List<String> differences, int[] count, String difference) {
    count[0]++;
    if (differences.size() < TruthComparison.LISTED) {
      differences.add(difference);
    }
  }

  /**
   * A truth fact as contact_facts spells it: empty text for no agent or customer, handle = talk +
   * hold + acw.
   */
  static String row(ContactFactTruth f) {
    return row(
        f.kind(),
        f.tenantId(),
        f.interactionId(),
        f.at(),
        f.channel().name(),
        f.queueId(),
        f.agentId() == null ? "" : f.agentId(),
        f.customerId() == null ? "" : f.customerId(),
        f.answeredAt(),
        f.waitMs(),
        f.talkMs(),
        f.holdMs(),
        f.holdCount(),
        f.acwMs(),
        f.talkMs() + f.holdMs() + f.acwMs(),
        f.transferred(),
        f.callback(),
        f.csat());
  }

  private static String row(
      String kind,
      String tenant,
      String interaction,
      long at,
      String channel,
      String queue,
      String agent,
      String customer,
      long answeredAt,
      long waitMs,
      long talkMs,
      long holdMs,
      long holdCount,
      long acwMs,
      long handleMs,
      boolean transferred,
      boolean callback,
      int csat) {
    return String.join(
        " ",
        kind,
        tenant + "/" + interaction,
        "at=" + java.time.Instant.ofEpochMilli(at),
        channel,
        "queue=" + queue,
        "agent=" + agent,
        "customer=" + customer,
        "answered_at=" + (answeredAt == 0 ? "" : java.time.Instant.ofEpochMilli(answeredAt)),
        "wait=" + waitMs,
        "talk=" + talkMs,
        "hold=" + holdMs + "/" + holdCount,
        "acw=" + acwMs,
        "handle=" + handleMs,
        "transferred=" + transferred,
        "callback=" + callback,
        "csat=" + csat);
  }
}
