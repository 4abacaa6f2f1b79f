-- How each agent's time was spent per interval, cut at interval boundaries. Occupancy is
-- busy / (busy + available idle): time with a contact over time with a contact or waiting for one.
CREATE TABLE IF NOT EXISTS agent_time
(
    tenant_id         LowCardinality(String),
    agent_id          String,
    interval_size_s   UInt32,
    interval_start    DateTime64(3, 'UTC'),
    logged_in_ms      UInt64,
    available_ms      UInt64 COMMENT 'in the AVAILABLE state',
    busy_ms           UInt64 COMMENT 'with at least one leg open, whatever the state',
    available_idle_ms UInt64 COMMENT 'AVAILABLE with no leg open',
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(interval_start)
ORDER BY (tenant_id, agent_id, interval_size_s, interval_start)
TTL toDateTime(interval_start) + INTERVAL ${interval_ttl_days} DAY;

CREATE VIEW IF NOT EXISTS agent_time_current AS
SELECT tenant_id, agent_id, interval_size_s, interval_start,
       logged_in_ms, available_ms, busy_ms, available_idle_ms,
       if(busy_ms + available_idle_ms = 0, NULL, busy_ms / (busy_ms + available_idle_ms)) AS occupancy
FROM agent_time FINAL;
