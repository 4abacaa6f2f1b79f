-- Events the pipeline could not count, with the reason and the raw payload, so nothing is lost
-- silently. One row per (source record, reason, event): a restart that re-emits a rejection
-- replaces it. Rejections made after the source (a fact too late for its interval) have no Kafka
-- position (partition and offset -1) and are told apart by event_id.
CREATE TABLE IF NOT EXISTS rejected_events
(
    rejected_at      DateTime64(3, 'UTC') COMMENT 'when the pipeline rejected it (processing time)',
    source_topic     LowCardinality(String),
    source_partition Int32,
    source_offset    Int64,
    reason           LowCardinality(String) COMMENT 'RejectReason name, e.g. UNKNOWN_SCHEMA, TOO_LATE',
    detail           String COMMENT 'a readable explanation',
    event_type       LowCardinality(String) COMMENT 'record and type when it decoded, else empty',
    tenant_id        LowCardinality(String) COMMENT 'empty when it did not decode',
    event_id         String,
    occurred_at      Nullable(DateTime64(3, 'UTC')),
    payload          String COMMENT 'the Kafka record value, byte for byte'
)
ENGINE = ReplacingMergeTree(rejected_at)
PARTITION BY toYYYYMM(rejected_at)
ORDER BY (source_topic, source_partition, source_offset, reason, event_id)
TTL toDateTime(rejected_at) + INTERVAL ${rejected_events_ttl_days} DAY;
