package io.ccpulse.pipeline.sink;

import io.ccpulse.pipeline.burnout.LevelChange;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** burnout_level_changes (migration V006). */
public final class BurnoutLevelChangesTable implements ClickHouseTable<LevelChange> {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "burnout_level_changes";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "tenant_id", "agent_id", "at", "from_level", "to_level", "score", "factors", "version");
  }

  @Override
  public long retainedBy(LevelChange c) {
    return c.at;
  }

  @Override
  public void bind(PreparedStatement insert, LevelChange c) throws SQLException {
    insert.setString(1, c.tenantId);
    insert.setString(2, c.agentId);
    insert.setObject(3, Times.utc(c.at));
    insert.setString(4, c.from.name());
    insert.setString(5, c.to.name());
    insert.setInt(6, c.score);
    insert.setString(7, c.factors);
    insert.setLong(8, c.version);
  }
}
