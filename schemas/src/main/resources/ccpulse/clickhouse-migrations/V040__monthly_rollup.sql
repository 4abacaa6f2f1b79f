-- Months kept as rows (docs/metrics.md §12): monthly_metrics summed a year of a center's months
-- from the 15-minute rows on every read (a million rows and more with FINAL). The months are now
-- stored, one row per tenant, entity, channel and local month, and kept exact without ever adding
-- a difference: a month whose 15-minute rows were written since it was stored is read from the
-- 15-minute rows, as before, until a refresh derives it again from them (a retried batch or a
-- replay rewrites the same rows and changes nothing; a summing rollup would count them twice).

-- When each tenant's local month last had 15-minute rows written: every insert into
-- interval_metrics_local (the job's rows through interval_metrics_local_mv, the rows a zone change
-- derives again) touches the months of its rows. nowInBlock64, unlike now64(), is the time the
-- block is processed, not the time the INSERT began: a long INSERT ... SELECT touches each month
-- as its block is written, moments before that block commits. Once merged, one row per tenant and
-- month: the latest.
CREATE TABLE IF NOT EXISTS monthly_rollup_touches
(
    tenant_id  LowCardinality(String),
    month      Date COMMENT 'a local month (its first day)',
    touched_at DateTime64(3, 'UTC') COMMENT 'when 15-minute rows of the month were last written'
)
ENGINE = ReplacingMergeTree(touched_at)
ORDER BY (tenant_id, month)
TTL month + INTERVAL 1 MONTH + INTERVAL ${interval_ttl_days} DAY + INTERVAL 1 DAY
COMMENT 'derived: the months of monthly_rollup that 15-minute rows were written to, and when';

CREATE MATERIALIZED VIEW IF NOT EXISTS monthly_rollup_touches_mv TO monthly_rollup_touches AS
SELECT tenant_id, toStartOfMonth(local_day) AS month, max(nowInBlock64(3, 'UTC')) AS touched_at
FROM interval_metrics_local
GROUP BY tenant_id, month;

-- The months as monthly_metrics sums them (every sum of §7, the longest wait, the days with a
-- row), each row with the refresh that wrote it: a refresh writes every row of a tenant's month at
-- once, and month_rows says how many, so that a refresh cut short (a server killed between two of
-- its parts: an insert commits a part per block of a million rows) leaves a month recognizably
-- incomplete rather than wrong. Not partitioned, so that a block is one part. Older refreshes' rows
-- merge away (ReplacingMergeTree on refreshed_at); until they do, reads take the latest refresh's
-- rows only.
CREATE TABLE IF NOT EXISTS monthly_rollup
(
    tenant_id           LowCardinality(String),
    entity_kind         LowCardinality(String),
    month               Date COMMENT 'the local month (its first day) in the tenant''s zone',
    entity_id           String,
    channel             LowCardinality(String),
    days                UInt64 COMMENT 'local days with a 15-minute row of the entity',
    handled             UInt64,
    talk_ms             UInt64,
    hold_ms             UInt64,
    acw_ms              UInt64,
    handle_ms           UInt64,
    hold_count          UInt64,
    held_contacts       UInt64,
    transferred_out     UInt64,
    incomplete_legs     UInt64,
    callbacks_handled   UInt64,
    entered             UInt64,
    transferred_in      UInt64,
    offered             UInt64,
    answered            UInt64,
    abandoned           UInt64,
    short_abandoned     UInt64,
    moved_unanswered    UInt64,
    callbacks_requested UInt64,
    callbacks_dialed    UInt64,
    callback_wait_ms    UInt64,
    abandon_time_ms     UInt64,
    wait_answered_ms    UInt64,
    wait_max_ms         UInt64,
    answered_within_sl  UInt64,
    csat_responses      UInt64,
    csat_sum            UInt64,
    csat_satisfied      UInt64,
    nps_responses       UInt64,
    nps_promoters       UInt64,
    nps_detractors      UInt64,
    refreshed_at        DateTime64(3, 'UTC') COMMENT 'when the refresh that derived the row started',
    month_rows          UInt64 COMMENT 'rows that refresh wrote for the tenant and month'
)
ENGINE = ReplacingMergeTree(refreshed_at)
ORDER BY (tenant_id, entity_kind, month, entity_id, channel)
TTL month + INTERVAL 1 MONTH + INTERVAL ${interval_ttl_days} DAY + INTERVAL 1 DAY
COMMENT 'derived: each local month summed from the 15-minute rows by a refresh; read monthly_metrics';

-- Each tenant's month: its latest refresh, whether that refresh's rows are all there, the latest
-- write to its 15-minute rows, and so whether the stored rows are what the 15-minute rows say
-- (stored): complete, and no write since the refresh began, allowing monthly_rollup_margin_s
-- for an insert in flight (touched before the refresh read, committed after it).
CREATE VIEW IF NOT EXISTS monthly_rollup_months AS
SELECT tenant_id, month, last_refresh, last_touch,
    complete AND last_touch + toIntervalSecond(${monthly_rollup_margin_s}) < last_refresh AS stored
FROM
(
    SELECT tenant_id, month, max(refreshed_at) AS last_refresh, argMax(complete, refreshed_at) AS complete,
        max(touched_at) AS last_touch
    FROM
    (
        SELECT tenant_id, month, refreshed_at, count() = any(month_rows) AS complete,
            toDateTime64(0, 3, 'UTC') AS touched_at
        FROM monthly_rollup
        GROUP BY tenant_id, month, refreshed_at
        UNION ALL
        SELECT tenant_id, month, toDateTime64(0, 3, 'UTC'), toUInt8(0), max(touched_at)
        FROM monthly_rollup_touches
        GROUP BY tenant_id, month
    )
    GROUP BY tenant_id, month
);

-- Calendar months of the tenant's zone summed from the 15-minute rows as they stand, on every read:
-- what monthly_metrics was until now, without the rates. Sums add up, the longest wait is the
-- month's longest, days counts the local days with a row.
CREATE VIEW IF NOT EXISTS monthly_sums AS
SELECT
    tenant_id, entity_kind, entity_id, channel, toStartOfMonth(local_day) AS month, uniqExact(local_day) AS days,
    sum(handled) AS handled, sum(talk_ms) AS talk_ms, sum(hold_ms) AS hold_ms, sum(acw_ms) AS acw_ms,
    sum(handle_ms) AS handle_ms, sum(hold_count) AS hold_count, sum(held_contacts) AS held_contacts,
    sum(transferred_out) AS transferred_out, sum(incomplete_legs) AS incomplete_legs,
    sum(callbacks_handled) AS callbacks_handled,
    sum(entered) AS entered, sum(transferred_in) AS transferred_in, sum(offered) AS offered,
    sum(answered) AS answered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned,
    sum(moved_unanswered) AS moved_unanswered,
    sum(callbacks_requested) AS callbacks_requested, sum(callbacks_dialed) AS callbacks_dialed,
    sum(callback_wait_ms) AS callback_wait_ms, sum(abandon_time_ms) AS abandon_time_ms,
    sum(wait_answered_ms) AS wait_answered_ms, max(wait_max_ms) AS wait_max_ms,
    sum(answered_within_sl) AS answered_within_sl,
    sum(csat_responses) AS csat_responses, sum(csat_sum) AS csat_sum, sum(csat_satisfied) AS csat_satisfied,
    sum(nps_responses) AS nps_responses, sum(nps_promoters) AS nps_promoters, sum(nps_detractors) AS nps_detractors
FROM interval_metrics_local FINAL
GROUP BY tenant_id, entity_kind, entity_id, channel, month;

-- What a refresh writes: the months not stored, derived again from the 15-minute rows, except those
-- written to within the margin (the month in progress, as the job writes it): they would not count
-- as stored after the refresh anyway, and are refreshed once their writes stop.
CREATE VIEW IF NOT EXISTS monthly_rollup_pending AS
SELECT tenant_id, entity_kind, month, entity_id, channel, days,
    handled, talk_ms, hold_ms, acw_ms, handle_ms, hold_count, held_contacts, transferred_out, incomplete_legs,
    callbacks_handled, entered, transferred_in, offered, answered, abandoned, short_abandoned, moved_unanswered,
    callbacks_requested, callbacks_dialed, callback_wait_ms, abandon_time_ms, wait_answered_ms, wait_max_ms,
    answered_within_sl, csat_responses, csat_sum, csat_satisfied, nps_responses, nps_promoters, nps_detractors,
    now64(3, 'UTC') AS refreshed_at, count() OVER (PARTITION BY tenant_id, month) AS month_rows
FROM monthly_sums
WHERE (tenant_id, month) IN
(
    SELECT tenant_id, month FROM monthly_rollup_months
    WHERE NOT stored AND last_touch + toIntervalSecond(${monthly_rollup_margin_s}) < now64(3, 'UTC')
);

-- The months that 15-minute rows were written to before this migration: derived now.
INSERT INTO monthly_rollup_touches
SELECT tenant_id, toStartOfMonth(local_day) AS month, toDateTime64(0, 3, 'UTC')
FROM interval_metrics_local
GROUP BY tenant_id, month;

INSERT INTO monthly_rollup SELECT * FROM monthly_rollup_pending;

-- The refresh, in the server, every monthly_rollup_refresh_every (5 minutes unless set; a refreshable
-- materialized view; SYSTEM REFRESH VIEW monthly_rollup_refresh runs one now).
CREATE MATERIALIZED VIEW IF NOT EXISTS monthly_rollup_refresh
REFRESH EVERY ${monthly_rollup_refresh_every} APPEND TO monthly_rollup
AS SELECT * FROM monthly_rollup_pending;

-- Months stored and current from monthly_rollup, the others summed from the 15-minute rows: the
-- same rows and columns as before, exactly what the 15-minute rows say, at any moment.
CREATE OR REPLACE VIEW monthly_metrics AS
SELECT *,
    if(handled = 0, NULL, handle_ms / handled / 1000)          AS aht_s,
    if(answered = 0, NULL, wait_answered_ms / answered / 1000) AS asa_s,
    if(offered = short_abandoned, NULL, (abandoned - short_abandoned) / (offered - short_abandoned)) AS abandon_rate,
    if(offered = short_abandoned, NULL, answered_within_sl / (offered - short_abandoned))            AS service_level,
    if(handled = 0, NULL, transferred_out / handled)           AS transfer_rate,
    if(csat_responses = 0, NULL, csat_sum / csat_responses)    AS csat_avg,
    if(nps_responses = 0, NULL, 100 * (toInt64(nps_promoters) - toInt64(nps_detractors)) / nps_responses) AS nps
FROM
(
    SELECT tenant_id, entity_kind, entity_id, channel, month, days,
        handled, talk_ms, hold_ms, acw_ms, handle_ms, hold_count, held_contacts, transferred_out, incomplete_legs,
        callbacks_handled, entered, transferred_in, offered, answered, abandoned, short_abandoned, moved_unanswered,
        callbacks_requested, callbacks_dialed, callback_wait_ms, abandon_time_ms, wait_answered_ms, wait_max_ms,
        answered_within_sl, csat_responses, csat_sum, csat_satisfied, nps_responses, nps_promoters, nps_detractors
    FROM monthly_rollup
    WHERE (tenant_id, month, refreshed_at) IN (SELECT tenant_id, month, last_refresh FROM monthly_rollup_months WHERE stored)
    UNION ALL
    SELECT *
    FROM monthly_sums
    WHERE (tenant_id, month) IN (SELECT tenant_id, month FROM monthly_rollup_months WHERE NOT stored)
);
