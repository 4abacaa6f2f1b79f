-- Live queue health (docs/queue-health.md): a snapshot per queue every cadence step of event time
-- (10 s by default) while the queue has contacts waiting, agents serving it or outcomes in its
-- rolling window. A restart may write a snapshot again: one row per queue and moment is kept.
CREATE TABLE IF NOT EXISTS queue_health
(
    tenant_id         LowCardinality(String),
    queue_id          LowCardinality(String),
    channel           LowCardinality(String) COMMENT 'from the queue''s contacts; empty before the first',
    at                DateTime64(3, 'UTC'),
    waiting           UInt32 COMMENT 'contacts waiting now',
    oldest_wait_ms    UInt64 COMMENT 'how long the longest-waiting contact has waited; 0 with none',
    agents_logged_in  UInt32 COMMENT 'agents serving the queue (named by their LOGGED_IN) and logged in',
    agents_on_queue   UInt32 COMMENT 'of them AVAILABLE: taking the queue''s contacts, idle or busy',
    agents_available  UInt32 COMMENT 'on queue with room for another contact now',
    agents_on_contact UInt32 COMMENT 'with a contact answered and not wrapped up',
    agents_on_break   UInt32 COMMENT 'on BREAK or MEAL',
    offered           UInt32 COMMENT 'rolling window: waits ended (answered + abandoned + moved on)',
    answered          UInt32,
    answered_in_sl    UInt32 COMMENT 'answered within metrics.service-level-threshold',
    abandoned         UInt32,
    short_abandoned   UInt32 COMMENT 'abandoned within metrics.short-abandon-threshold',
    service_level     Nullable(Float64) COMMENT 'answered_in_sl / (offered - short_abandoned); NULL with no base',
    abandon_rate      Nullable(Float64) COMMENT '(abandoned - short_abandoned) / (offered - short_abandoned)',
    open_alerts       UInt16
)
ENGINE = ReplacingMergeTree
PARTITION BY toDate(at)
ORDER BY (tenant_id, queue_id, at)
TTL toDateTime(at) + INTERVAL ${queue_health_ttl_days} DAY;

-- Each queue's latest snapshot: what a wallboard shows.
CREATE VIEW IF NOT EXISTS queue_health_latest AS
SELECT *
FROM queue_health FINAL
ORDER BY tenant_id, queue_id, at DESC
LIMIT 1 BY tenant_id, queue_id;

-- Alerts: one row when raised and one when cleared, with the same alert_id (also on the Kafka
-- topic kafka.topic.queue-alerts). value is the measured value at that moment (NULL where a rate
-- had no base any more), threshold the one it was judged against.
CREATE TABLE IF NOT EXISTS queue_alerts
(
    alert_id   String,
    tenant_id  LowCardinality(String),
    queue_id   LowCardinality(String),
    rule       LowCardinality(String) COMMENT 'oldest-wait, no-agent-available, abandon-rate, service-level',
    severity   LowCardinality(String),
    status     LowCardinality(String) COMMENT 'RAISED or CLEARED',
    value      Nullable(Float64) COMMENT 'seconds (oldest-wait), contacts waiting (no-agent-available) or a ratio',
    threshold  Float64,
    raised_at  DateTime64(3, 'UTC'),
    cleared_at Nullable(DateTime64(3, 'UTC'))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(raised_at)
ORDER BY (tenant_id, queue_id, alert_id, status)
TTL toDateTime(raised_at) + INTERVAL ${interval_ttl_days} DAY;

-- One row per alert: raised, and cleared if it has been.
CREATE VIEW IF NOT EXISTS queue_alert_history AS
SELECT alert_id, tenant_id, queue_id, rule,
       any(severity) AS severity,
       argMax(value, status = 'RAISED') AS raised_value,
       any(threshold) AS threshold,
       min(raised_at) AS raised_at,
       max(cleared_at) AS cleared_at
FROM queue_alerts FINAL
GROUP BY alert_id, tenant_id, queue_id, rule;

-- The alerts open now.
CREATE VIEW IF NOT EXISTS open_alerts AS
SELECT alert_id, tenant_id, queue_id, rule, severity, raised_value, threshold, raised_at
FROM queue_alert_history
WHERE cleared_at IS NULL;
