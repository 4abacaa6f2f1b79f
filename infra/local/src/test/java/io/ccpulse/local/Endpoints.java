package io.ccpulse.local;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import java.util.Map;

/** The embedded ClickHouse of a test as the job and the migrator see it. */
final class Endpoints {
  private Endpoints() {}

  static ClickHouseEndpoint of(ClickHouseExtension clickhouse) {
    return new ClickHouseEndpoint(
        clickhouse.serverJdbcUrl(), clickhouse.database(), "default", Map.of());
  }
}
