-- Interval figures per agent (per channel), queue and tenant×channel, as sums and counts so any
-- rollup is exact. A late event re-emits its interval with a higher version; ReplacingMergeTree
-- keeps the highest, and the views below show only that one.
CREATE TABLE IF NOT EXISTS interval_metrics
(
    tenant_id          LowCardinality(String),
    entity_kind        LowCardinality(String) COMMENT 'AGENT, QUEUE or TENANT_CHANNEL',
    entity_id          String COMMENT 'agent id, queue id, or the channel for TENANT_CHANNEL',
    channel            LowCardinality(String),
    interval_size_s    UInt32,
    interval_start     DateTime64(3, 'UTC'),
    handled            UInt64 COMMENT 'legs completed (wrap-up ended) in the interval',
    talk_ms            UInt64,
    hold_ms            UInt64,
    acw_ms             UInt64,
    handle_ms          UInt64 COMMENT 'talk + hold + acw',
    hold_count         UInt64 COMMENT 'hold segments',
    held_contacts      UInt64 COMMENT 'legs with at least one hold',
    transferred_out    UInt64 COMMENT 'legs ended by a transfer',
    incomplete_legs    UInt64 COMMENT 'legs closed by the timeout, never completed',
    entered            UInt64 COMMENT 'new arrivals in the queue',
    transferred_in     UInt64 COMMENT 'arrivals from a transfer',
    offered            UInt64 COMMENT 'waits that ended: answered + abandoned + moved_unanswered',
    answered           UInt64,
    abandoned          UInt64,
    short_abandoned    UInt64 COMMENT 'abandoned before the short-abandon threshold',
    moved_unanswered   UInt64,
    abandon_time_ms    UInt64,
    wait_answered_ms   UInt64 COMMENT 'sum of the waits of answered contacts',
    wait_max_ms        UInt64 COMMENT 'longest wait of an answered contact',
    answered_within_sl UInt64 COMMENT 'answered with a wait at or under the service-level threshold',
    csat_responses     UInt64,
    csat_sum           UInt64,
    csat_satisfied     UInt64 COMMENT 'responses scoring 4 or 5',
    version            UInt64 COMMENT 'emission time in epoch millis: the latest emission wins'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(interval_start)
ORDER BY (tenant_id, entity_kind, entity_id, channel, interval_size_s, interval_start)
TTL toDateTime(interval_start) + INTERVAL ${interval_ttl_days} DAY;

-- One current row per interval, with the usual rates. Rates are NULL where their base is zero.
CREATE VIEW IF NOT EXISTS interval_metrics_current AS
SELECT
    tenant_id, entity_kind, entity_id, channel, interval_size_s, interval_start,
    handled, talk_ms, hold_ms, acw_ms, handle_ms, hold_count, held_contacts, transferred_out, incomplete_legs,
    entered, transferred_in, offered, answered, abandoned, short_abandoned, moved_unanswered,
    abandon_time_ms, wait_answered_ms, wait_max_ms, answered_within_sl,
    csat_responses, csat_sum, csat_satisfied,
    if(handled = 0, NULL, handle_ms / handled / 1000)                          AS aht_s,
    if(answered = 0, NULL, wait_answered_ms / answered / 1000)                 AS asa_s,
    if(offered = short_abandoned, NULL, (abandoned - short_abandoned) / (offered - short_abandoned)) AS abandon_rate,
    if(offered = short_abandoned, NULL, answered_within_sl / (offered - short_abandoned))            AS service_level,
    if(handled = 0, NULL, transferred_out / handled)                           AS transfer_rate,
    if(csat_responses = 0, NULL, csat_sum / csat_responses)                    AS csat_avg
FROM interval_metrics FINAL;

-- Days, from the 15-minute rows. A view, not a materialized view: a materialized view sees every
-- emitted version of a row and would count a corrected interval twice.
CREATE VIEW IF NOT EXISTS daily_metrics AS
SELECT *,
    if(handled = 0, NULL, handle_ms / handled / 1000)          AS aht_s,
    if(answered = 0, NULL, wait_answered_ms / answered / 1000) AS asa_s,
    if(offered = short_abandoned, NULL, (abandoned - short_abandoned) / (offered - short_abandoned)) AS abandon_rate,
    if(offered = short_abandoned, NULL, answered_within_sl / (offered - short_abandoned))            AS service_level,
    if(handled = 0, NULL, transferred_out / handled)           AS transfer_rate,
    if(csat_responses = 0, NULL, csat_sum / csat_responses)    AS csat_avg
FROM
(
    SELECT
        tenant_id, entity_kind, entity_id, channel, toDate(interval_start) AS day,
        sum(handled) AS handled, sum(talk_ms) AS talk_ms, sum(hold_ms) AS hold_ms, sum(acw_ms) AS acw_ms,
        sum(handle_ms) AS handle_ms, sum(hold_count) AS hold_count, sum(held_contacts) AS held_contacts,
        sum(transferred_out) AS transferred_out, sum(incomplete_legs) AS incomplete_legs,
        sum(entered) AS entered, sum(transferred_in) AS transferred_in, sum(offered) AS offered,
        sum(answered) AS answered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned,
        sum(moved_unanswered) AS moved_unanswered, sum(abandon_time_ms) AS abandon_time_ms,
        sum(wait_answered_ms) AS wait_answered_ms, max(wait_max_ms) AS wait_max_ms,
        sum(answered_within_sl) AS answered_within_sl,
        sum(csat_responses) AS csat_responses, sum(csat_sum) AS csat_sum, sum(csat_satisfied) AS csat_satisfied
    FROM interval_metrics FINAL
    WHERE interval_size_s = 900
    GROUP BY tenant_id, entity_kind, entity_id, channel, day
);
