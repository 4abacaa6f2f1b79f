package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the local run computed, read back from ClickHouse and printed for a person. */
final class RunSummary {
  private RunSummary() {}

  static void print(ClickHouseEndpoint endpoint, PrintStream out) throws SQLException {
    try (Connection conn = endpoint.open(); Statement st = conn.createStatement()) {
      out.println();
      out.println("Queues, whole day (from the 15-minute intervals):");
      table(st, out, "SELECT tenant_id AS tenant, entity_id AS queue, channel,"
          + " sum(offered) AS offered, sum(answered) AS answered,"
          + " if(sum(offered) = sum(short_abandoned), '-', concat(toString(round(100 * (sum(abandoned) - sum(short_abandoned))"
          + "   / (sum(offered) - sum(short_abandoned)), 1)), '%')) AS abandon_rate,"
          + " if(sum(answered) = 0, '-', toString(round(sum(wait_answered_ms) / sum(answered) / 1000, 1))) AS asa_s,"
          + " if(sum(offered) = sum(short_abandoned), '-', concat(toString(round(100 * sum(answered_within_sl)"
          + "   / (sum(offered) - sum(short_abandoned)), 1)), '%')) AS service_level,"
          + " if(sum(handled) = 0, '-', toString(round(sum(handle_ms) / sum(handled) / 1000, 1))) AS aht_s"
          + " FROM interval_metrics FINAL WHERE entity_kind = 'QUEUE' AND interval_size_s = 900"
          + " GROUP BY tenant, queue, channel ORDER BY tenant, channel, queue");
      out.println();
      out.println("Top agents by handle time:");
      table(st, out, "SELECT tenant_id AS tenant, entity_id AS agent, sum(handled) AS handled,"
          + " round(sum(handle_ms) / 3600000, 2) AS handle_hours,"
          + " round(sum(handle_ms) / sum(handled) / 1000, 1) AS aht_s, sum(transferred_out) AS transfers"
          + " FROM interval_metrics FINAL WHERE entity_kind = 'AGENT' AND interval_size_s = 900"
          + " GROUP BY tenant, agent HAVING handled > 0 ORDER BY handle_hours DESC LIMIT 10");
      out.println();
      out.println("Rejected events:");
      table(st, out, "SELECT reason, count() AS events, any(detail) AS example FROM rejected_events FINAL"
          + " GROUP BY reason ORDER BY events DESC");
    }
  }

  private static void table(Statement st, PrintStream out, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      TextTable.print(rs, out);
    }
  }
}
