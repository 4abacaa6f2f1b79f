package io.ccpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableRetentionTest {
  @Test
  void readsTheTtlAsTheServerShowsIt() {
    String shown =
        "CREATE TABLE db.interval_metrics (`interval_start` DateTime64(3, 'UTC'), `version` UInt64)"
            + " ENGINE = ReplacingMergeTree(version) ORDER BY interval_start"
            + " TTL toDateTime(interval_start) + toIntervalDay(400) SETTINGS index_granularity = 8192";
    assertThat(TableRetention.parse("interval_metrics", shown))
        .isEqualTo(new TableRetention.Ttl("interval_metrics", "interval_start", 400));
  }

  @Test
  void readsTheTtlAsTheMigrationsWriteIt() {
    assertThat(TableRetention.parse("contact_facts", "... TTL toDateTime(at) + INTERVAL 9000 DAY;"))
        .isEqualTo(new TableRetention.Ttl("contact_facts", "at", 9000));
  }

  @Test
  void aTableWithoutTtlHasNone() {
    assertThat(TableRetention.parse("schema_migrations", "CREATE TABLE x (a UInt8) ENGINE = Log"))
        .isNull();
  }
}
