-- Events accepted per tenant and event type per interval: is data arriving, and all of it?
-- A late event re-emits its interval with a higher version; FINAL (or the view) shows the latest.
CREATE TABLE IF NOT EXISTS ingest_counts
(
    tenant_id       LowCardinality(String),
    event_type      LowCardinality(String) COMMENT 'record and type, e.g. InteractionEvent.QUEUED',
    interval_size_s UInt32,
    interval_start  DateTime64(3, 'UTC'),
    events          UInt64,
    version         UInt64 COMMENT 'emission time in epoch millis: the latest emission wins'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(interval_start)
ORDER BY (tenant_id, event_type, interval_size_s, interval_start)
TTL toDateTime(interval_start) + INTERVAL ${interval_ttl_days} DAY;

CREATE VIEW IF NOT EXISTS ingest_counts_current AS
SELECT tenant_id, event_type, interval_size_s, interval_start, events
FROM ingest_counts FINAL;
