-- Rows ClickHouse refused as data (or the job could not bind to their columns): the dead letter of
-- the job's ClickHouse sink. The job goes on without them; each is kept here with the table it was
-- meant for, the row as JSON (column: value) and ClickHouse's error, for a person to look at. One
-- row per (table, row): a restart that refuses the same row again replaces it.
CREATE TABLE IF NOT EXISTS sink_rejections
(
    rejected_at DateTime64(3, 'UTC') COMMENT 'when the sink gave up on it (processing time)',
    table_name  LowCardinality(String) COMMENT 'the table the row was meant for',
    error_code  Int32 COMMENT 'ClickHouse error code; 0 when the row could not be bound',
    error       String COMMENT 'ClickHouse''s message, or why the row could not be bound',
    row         String COMMENT 'the row as a JSON object, column: value'
)
ENGINE = ReplacingMergeTree(rejected_at)
ORDER BY (table_name, cityHash64(row))
TTL toDateTime(rejected_at) + INTERVAL ${rejected_events_ttl_days} DAY;
