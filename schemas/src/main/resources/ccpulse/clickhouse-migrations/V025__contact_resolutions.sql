-- One row per conversation (docs/metrics.md §11): from its first queue entry to its last wrap-up,
-- the legs and transfers it took and how often the customer was held. Written once, when the job
-- forgets the contact (metrics.contact-retention after its last event); a restart writes the same
-- row again, which the key replaces.
CREATE TABLE IF NOT EXISTS contact_resolutions
(
    tenant_id      LowCardinality(String),
    interaction_id String,
    channel        LowCardinality(String),
    queue_id       LowCardinality(String) COMMENT 'the queue the contact was first answered from',
    customer_id    String COMMENT 'pseudonymous; empty when unknown',
    started_at     DateTime64(3, 'UTC') COMMENT 'first QUEUED (first ANSWERED if never queued)',
    resolved_at    DateTime64(3, 'UTC') COMMENT 'last WRAPUP_ENDED: the day it counts in',
    resolution_ms  UInt64 COMMENT 'resolved_at - started_at',
    legs           UInt32 COMMENT 'completed legs',
    transfers      UInt32 COMMENT 'legs ended by TRANSFERRED',
    holds          UInt32 COMMENT 'hold segments over every leg',
    hold_ms        UInt64,
    handle_ms      UInt64 COMMENT 'sum of the legs handle times',
    abandoned      Bool COMMENT 'its last queue wait (after a transfer) ended abandoned',
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(resolved_at)
ORDER BY (tenant_id, interaction_id)
TTL toDateTime(resolved_at) + INTERVAL ${fact_ttl_days} DAY;

-- Per queue and UTC day of resolution: counts and sums (so weeks and several queues sum exactly),
-- with the averages beside them.
CREATE OR REPLACE VIEW contact_resolution_daily AS
SELECT *,
    transfers / contacts                   AS transfers_avg,
    holds / contacts                       AS holds_avg,
    resolution_ms / contacts / 1000        AS resolution_avg_s,
    contacts_transferred / contacts        AS transferred_share
FROM
(
    SELECT tenant_id, queue_id, channel, toDate(resolved_at) AS day,
           count() AS contacts, sum(legs) AS legs, sum(transfers) AS transfers,
           countIf(was_transferred) AS contacts_transferred, sum(holds) AS holds,
           countIf(was_held) AS contacts_held, sum(hold_ms) AS hold_ms,
           sum(resolution_ms) AS resolution_ms, max(one_resolution_ms) AS resolution_max_ms,
           sum(handle_ms) AS handle_ms
    FROM
    (
        -- Per-row names the sums' aliases do not shadow.
        SELECT *, transfers > 0 AS was_transferred, holds > 0 AS was_held,
               resolution_ms AS one_resolution_ms
        FROM contact_resolutions FINAL
    )
    GROUP BY tenant_id, queue_id, channel, day
);

-- The distribution of handle time per leg (the base of AHT), exact, from the completed legs in
-- contact_facts: nearest-rank percentiles, the value at rank ceil(p * n) of the n sorted handle
-- times (the median is the lower middle one for even n). Per queue (and agent) and UTC day of the
-- wrap-up, as AHT is attributed. A percentile does not roll up: a week is its own query over the
-- facts, as this view's inner query shows.
CREATE OR REPLACE VIEW handle_time_daily AS
SELECT tenant_id, entity_kind, entity_id, channel, day, handled, handle_ms,
       handles[intDiv(handled + 1, 2)]       AS handle_median_ms,
       handles[intDiv(9 * handled + 9, 10)]  AS handle_p90_ms,
       handles[handled]                      AS handle_max_ms
FROM
(
    SELECT tenant_id, entity_kind, entity_id, channel, day,
           count() AS handled, sum(leg_handle_ms) AS handle_ms, arraySort(groupArray(leg_handle_ms)) AS handles
    FROM
    (
        SELECT tenant_id, channel, toDate(at) AS day, handle_ms AS leg_handle_ms,
               arrayJoin([('QUEUE', queue_id), ('AGENT', agent_id)]) AS entity
        FROM contact_facts FINAL
        WHERE fact = 'LEG'
    )
    GROUP BY tenant_id, entity.1 AS entity_kind, entity.2 AS entity_id, channel, day
);
