-- rejected_events without a partition key. V001 partitioned it by toYYYYMM(rejected_at), the time
-- the job rejected the event: after a crash the job rejects the same record again, with a new
-- rejected_at, and ReplacingMergeTree merges only collapse copies within one partition, so a copy
-- written in the next month stayed a second row for ever: only FINAL hid it, and a plain count (the
-- runbook's) counted the event twice. Nothing the job knows about a
-- record is both deterministic and always present (occurred_at is missing for unreadable bytes), and
-- the table is small (a row per bad event), so one partition: every copy of a rejection collapses.
-- Same columns, sort key, version and TTL (rows expire by merges instead of whole parts).
--
-- Apply with the metrics job stopped, as every upgrade does (docs/deploy.md): rows inserted between
-- the copy and the exchange would be left in the old table. If this file fails part way, look at
-- both tables before running it again: after the EXCHANGE, rejected_events_v009 is the old table.
CREATE TABLE IF NOT EXISTS rejected_events_v009
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
ORDER BY (source_topic, source_partition, source_offset, reason, event_id)
TTL toDateTime(rejected_at) + INTERVAL ${rejected_events_ttl_days} DAY;

INSERT INTO rejected_events_v009
SELECT rejected_at, source_topic, source_partition, source_offset, reason, detail, event_type, tenant_id, event_id,
       occurred_at, payload
FROM rejected_events;

EXCHANGE TABLES rejected_events AND rejected_events_v009;

DROP TABLE IF EXISTS rejected_events_v009;
