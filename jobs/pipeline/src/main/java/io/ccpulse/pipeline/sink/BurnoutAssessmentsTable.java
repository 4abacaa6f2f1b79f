package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.burnout.BurnoutRow;
import io.ccpulse.pipeline.burnout.Factor;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** burnout_assessments (migration V006): one row per agent per interval of a shift. */
public final class BurnoutAssessmentsTable implements ClickHouseTable<BurnoutRow> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "burnout_assessments";
  }

  @Override
  public List<String> columns() {
    List<String> cols =
        new ArrayList<>(
            List.of(
                "tenant_id",
                "agent_id",
                "interval_size_s",
                "interval_start",
                "assessed_at",
                "shift_start",
                "score",
                "level"));
    for (Factor f : Factor.values()) {
      cols.add(f.column);
    }
    cols.addAll(List.of("contacts", "factors", "version"));
    return cols;
  }

  @Override
  public long retainedBy(BurnoutRow row) {
    return row.intervalStart;
  }

  @Override
  public void bind(PreparedStatement insert, BurnoutRow row) throws SQLException {
    int i = 1;
    insert.setString(i++, row.tenantId);
    insert.setString(i++, row.agentId);
    insert.setLong(i++, row.intervalSizeSeconds);
    insert.setObject(i++, Times.utc(row.intervalStart));
    insert.setObject(i++, Times.utc(row.assessedAt));
    insert.setObject(i++, Times.utc(row.shiftStart));
    insert.setInt(i++, row.score);
    insert.setString(i++, row.level.name());
    for (Factor f : Factor.values()) {
      ClickHouseTable.setNullable(insert, i++, row.value(f)); // NULL: too little to judge
    }
    insert.setLong(i++, row.contacts);
    insert.setString(i++, row.factors);
    insert.setLong(i, row.version);
  }
}
