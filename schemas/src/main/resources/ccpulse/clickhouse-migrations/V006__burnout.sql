-- Burnout-risk indicators per agent (docs/burnout.md): an aid for a supervisor to check in on
-- someone, never a verdict. One row per agent per interval of a shift, assessed at the interval's
-- end (the shift's last row at the logout). A restart may write a row again with a higher version;
-- ReplacingMergeTree keeps the highest. An indicator is NULL where there was too little to judge.
CREATE TABLE IF NOT EXISTS burnout_assessments
(
    tenant_id         LowCardinality(String),
    agent_id          String,
    interval_size_s   UInt32,
    interval_start    DateTime64(3, 'UTC'),
    assessed_at       DateTime64(3, 'UTC') COMMENT 'the end of the interval, or the logout',
    shift_start       DateTime64(3, 'UTC'),
    score             UInt8 COMMENT '0-100: the sum of the weights of the factors over threshold',
    level             LowCardinality(String) COMMENT 'LOW, ELEVATED or HIGH',
    occupancy_rolling Nullable(Float64) COMMENT 'busy / (busy + available idle) over the rolling window',
    occupancy_shift   Nullable(Float64) COMMENT 'the same over the shift so far',
    logged_in_h       Nullable(Float64),
    since_break_h     Nullable(Float64) COMMENT 'hours since the last break or meal (or the shift start)',
    breaks_missed     Nullable(Float64) COMMENT 'breaks expected by policy minus breaks taken',
    back_to_back      Nullable(Float64) COMMENT 'longest run of contacts with no idle gap',
    demanding_share   Nullable(Float64) COMMENT 'share of contacts long for their queue, transferred, or rated 2 or less',
    handle_drift      Nullable(Float64) COMMENT 'handle time against the agent''s baseline: 0.4 = 40 % above',
    concurrency_ratio Nullable(Float64) COMMENT 'mean open contacts while busy over the agent''s usual',
    contacts          UInt64 COMMENT 'legs completed this shift',
    factors           String COMMENT 'JSON: [{factor, value, threshold, weight}] of the factors over threshold',
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(interval_start)
ORDER BY (tenant_id, agent_id, interval_size_s, interval_start)
TTL toDateTime(interval_start) + INTERVAL ${interval_ttl_days} DAY;

-- Each agent's latest assessment.
CREATE VIEW IF NOT EXISTS burnout_latest AS
SELECT *
FROM burnout_assessments FINAL
ORDER BY tenant_id, agent_id, interval_start DESC
LIMIT 1 BY tenant_id, agent_id;

-- When an agent's level changed (also on the Kafka topic kafka.topic.burnout-level-changes).
CREATE TABLE IF NOT EXISTS burnout_level_changes
(
    tenant_id  LowCardinality(String),
    agent_id   String,
    at         DateTime64(3, 'UTC'),
    from_level LowCardinality(String),
    to_level   LowCardinality(String),
    score      UInt8,
    factors    String COMMENT 'JSON, as in burnout_assessments',
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(at)
ORDER BY (tenant_id, agent_id, at)
TTL toDateTime(at) + INTERVAL ${interval_ttl_days} DAY;
