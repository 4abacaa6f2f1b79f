-- The 15-minute interval rows again, each with the day it falls on in its tenant's time zone, kept
-- sorted by tenant, entity kind and local day so that a rollup of some days of a tenant's queues
-- (or agents) reads only those rows
-- (docs/metrics.md §12). Filled by the materialized view below from every row the job writes, every
-- version of it: ReplacingMergeTree keeps the latest, as in interval_metrics, so a late correction
-- replaces its interval here too and a rollup read with FINAL counts each interval once.
--
-- A 15-minute interval never straddles a local midnight: the zones' offsets, and the instants they
-- change, are multiples of 15 minutes (TenantTimeZones refuses a zone where they are not), so each
-- row belongs whole to one local day, including the 23- and 25-hour days of daylight saving.
CREATE TABLE IF NOT EXISTS interval_metrics_local
(
    tenant_id          LowCardinality(String),
    local_day          Date COMMENT 'the day of interval_start in the tenant''s time zone',
    entity_kind        LowCardinality(String),
    entity_id          String,
    channel            LowCardinality(String),
    interval_start     DateTime64(3, 'UTC'),
    utc_offset_s       Int32 COMMENT 'the tenant''s offset from UTC at interval_start',
    handled            UInt64,
    talk_ms            UInt64,
    hold_ms            UInt64,
    acw_ms             UInt64,
    handle_ms          UInt64,
    hold_count         UInt64,
    held_contacts      UInt64,
    transferred_out    UInt64,
    incomplete_legs    UInt64,
    entered            UInt64,
    transferred_in     UInt64,
    offered            UInt64,
    answered           UInt64,
    abandoned          UInt64,
    short_abandoned    UInt64,
    moved_unanswered   UInt64,
    abandon_time_ms    UInt64,
    wait_answered_ms   UInt64,
    wait_max_ms        UInt64,
    answered_within_sl UInt64,
    csat_responses     UInt64,
    csat_sum           UInt64,
    csat_satisfied     UInt64,
    nps_responses      UInt64,
    nps_promoters      UInt64,
    nps_detractors     UInt64,
    version            UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(local_day)
ORDER BY (tenant_id, entity_kind, local_day, entity_id, channel, interval_start)
TTL toDateTime(interval_start) + INTERVAL ${interval_ttl_days} DAY;

-- A tenant without a zone has no offset row: the LEFT join gives 0, UTC.
CREATE MATERIALIZED VIEW IF NOT EXISTS interval_metrics_local_mv TO interval_metrics_local AS
SELECT
    m.tenant_id AS tenant_id,
    toDate(m.interval_start + toIntervalSecond(o.utc_offset_s)) AS local_day,
    m.entity_kind AS entity_kind, m.entity_id AS entity_id, m.channel AS channel,
    m.interval_start AS interval_start, o.utc_offset_s AS utc_offset_s,
    m.handled AS handled, m.talk_ms AS talk_ms, m.hold_ms AS hold_ms, m.acw_ms AS acw_ms,
    m.handle_ms AS handle_ms, m.hold_count AS hold_count, m.held_contacts AS held_contacts,
    m.transferred_out AS transferred_out, m.incomplete_legs AS incomplete_legs,
    m.entered AS entered, m.transferred_in AS transferred_in, m.offered AS offered,
    m.answered AS answered, m.abandoned AS abandoned, m.short_abandoned AS short_abandoned,
    m.moved_unanswered AS moved_unanswered, m.abandon_time_ms AS abandon_time_ms,
    m.wait_answered_ms AS wait_answered_ms, m.wait_max_ms AS wait_max_ms,
    m.answered_within_sl AS answered_within_sl, m.csat_responses AS csat_responses,
    m.csat_sum AS csat_sum, m.csat_satisfied AS csat_satisfied,
    m.nps_responses AS nps_responses, m.nps_promoters AS nps_promoters,
    m.nps_detractors AS nps_detractors, m.version AS version
FROM interval_metrics AS m
ASOF LEFT JOIN tenant_utc_offsets AS o
    ON m.tenant_id = o.tenant_id AND m.interval_start >= o.valid_from
WHERE m.interval_size_s = 900;

-- The same rows read from interval_metrics as it stands (its current versions): what fills the
-- table for rows written before this migration, and again for a tenant whose zone changes
-- (TenantTimeZones.write). Same columns, same order as interval_metrics_local.
CREATE VIEW IF NOT EXISTS interval_metrics_localized AS
SELECT
    m.tenant_id AS tenant_id, toDate(m.interval_start + toIntervalSecond(o.utc_offset_s)) AS local_day,
    m.entity_kind AS entity_kind, m.entity_id AS entity_id, m.channel AS channel,
    m.interval_start AS interval_start, o.utc_offset_s AS utc_offset_s,
    m.handled AS handled, m.talk_ms AS talk_ms, m.hold_ms AS hold_ms, m.acw_ms AS acw_ms,
    m.handle_ms AS handle_ms, m.hold_count AS hold_count, m.held_contacts AS held_contacts,
    m.transferred_out AS transferred_out, m.incomplete_legs AS incomplete_legs,
    m.entered AS entered, m.transferred_in AS transferred_in, m.offered AS offered,
    m.answered AS answered, m.abandoned AS abandoned, m.short_abandoned AS short_abandoned,
    m.moved_unanswered AS moved_unanswered, m.abandon_time_ms AS abandon_time_ms,
    m.wait_answered_ms AS wait_answered_ms, m.wait_max_ms AS wait_max_ms,
    m.answered_within_sl AS answered_within_sl, m.csat_responses AS csat_responses,
    m.csat_sum AS csat_sum, m.csat_satisfied AS csat_satisfied,
    m.nps_responses AS nps_responses, m.nps_promoters AS nps_promoters,
    m.nps_detractors AS nps_detractors, m.version AS version
FROM (SELECT * FROM interval_metrics FINAL WHERE interval_size_s = 900) AS m
ASOF LEFT JOIN tenant_utc_offsets AS o
    ON m.tenant_id = o.tenant_id AND m.interval_start >= o.valid_from;

-- The rows written before this migration (re-running it writes the same rows again: they collapse).
INSERT INTO interval_metrics_local SELECT * FROM interval_metrics_localized;
