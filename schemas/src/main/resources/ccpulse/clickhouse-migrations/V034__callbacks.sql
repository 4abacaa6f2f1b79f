-- Callbacks (docs/metrics.md §4): a customer waiting in a queue asks to be called back
-- (InteractionEvent v2). The request ends the wait (in offered, neither answered nor abandoned);
-- an agent later takes the callback and dials (callbacks_dialed, callback_wait_ms: request to dial);
-- the callback leg the customer answers counts as a leg like any other, and in callbacks_handled.
ALTER TABLE interval_metrics
    ADD COLUMN IF NOT EXISTS callbacks_handled   UInt64 DEFAULT 0 COMMENT 'completed callback legs' AFTER incomplete_legs,
    ADD COLUMN IF NOT EXISTS callbacks_requested UInt64 DEFAULT 0 COMMENT 'waits ended by a callback request (in offered)' AFTER moved_unanswered,
    ADD COLUMN IF NOT EXISTS callbacks_dialed    UInt64 DEFAULT 0 COMMENT 'pending callbacks taken by an agent and dialed' AFTER callbacks_requested,
    ADD COLUMN IF NOT EXISTS callback_wait_ms    UInt64 DEFAULT 0 COMMENT 'sum of request-to-dial times of the callbacks dialed' AFTER callbacks_dialed;

ALTER TABLE contact_facts
    ADD COLUMN IF NOT EXISTS callback Bool DEFAULT false COMMENT 'a callback leg (LEG, LEG_INCOMPLETE never)' AFTER transferred;

CREATE OR REPLACE VIEW interval_metrics_current AS
SELECT
    tenant_id, entity_kind, entity_id, channel, interval_size_s, interval_start,
    handled, talk_ms, hold_ms, acw_ms, handle_ms, hold_count, held_contacts, transferred_out, incomplete_legs,
    callbacks_handled,
    entered, transferred_in, offered, answered, abandoned, short_abandoned, moved_unanswered,
    callbacks_requested, callbacks_dialed, callback_wait_ms,
    abandon_time_ms, wait_answered_ms, wait_max_ms, answered_within_sl,
    csat_responses, csat_sum, csat_satisfied, nps_responses, nps_promoters, nps_detractors,
    if(handled = 0, NULL, handle_ms / handled / 1000)                          AS aht_s,
    if(answered = 0, NULL, wait_answered_ms / answered / 1000)                 AS asa_s,
    if(offered = short_abandoned, NULL, (abandoned - short_abandoned) / (offered - short_abandoned)) AS abandon_rate,
    if(offered = short_abandoned, NULL, answered_within_sl / (offered - short_abandoned))            AS service_level,
    if(handled = 0, NULL, transferred_out / handled)                           AS transfer_rate,
    if(csat_responses = 0, NULL, csat_sum / csat_responses)                    AS csat_avg,
    if(nps_responses = 0, NULL, 100 * (toInt64(nps_promoters) - toInt64(nps_detractors)) / nps_responses) AS nps
FROM interval_metrics FINAL;

-- The local-time copy of the 15-minute rows (V032) carries them too, in the same column order as
-- interval_metrics_localized, which fills it.
ALTER TABLE interval_metrics_local
    ADD COLUMN IF NOT EXISTS callbacks_handled   UInt64 DEFAULT 0 AFTER incomplete_legs,
    ADD COLUMN IF NOT EXISTS callbacks_requested UInt64 DEFAULT 0 AFTER moved_unanswered,
    ADD COLUMN IF NOT EXISTS callbacks_dialed    UInt64 DEFAULT 0 AFTER callbacks_requested,
    ADD COLUMN IF NOT EXISTS callback_wait_ms    UInt64 DEFAULT 0 AFTER callbacks_dialed;

-- The materialized view that fills it, again with the new columns (a materialized view's query is
-- not altered in place: dropped and created, so rows written between the two statements would miss
-- the local copy: migrate with the job stopped).
DROP VIEW IF EXISTS interval_metrics_local_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS interval_metrics_local_mv TO interval_metrics_local AS
SELECT
    m.tenant_id AS tenant_id,
    toDate(m.interval_start + toIntervalSecond(o.utc_offset_s)) AS local_day,
    m.entity_kind AS entity_kind, m.entity_id AS entity_id, m.channel AS channel,
    m.interval_start AS interval_start, o.utc_offset_s AS utc_offset_s,
    m.handled AS handled, m.talk_ms AS talk_ms, m.hold_ms AS hold_ms, m.acw_ms AS acw_ms,
    m.handle_ms AS handle_ms, m.hold_count AS hold_count, m.held_contacts AS held_contacts,
    m.transferred_out AS transferred_out, m.incomplete_legs AS incomplete_legs,
    m.callbacks_handled AS callbacks_handled,
    m.entered AS entered, m.transferred_in AS transferred_in, m.offered AS offered,
    m.answered AS answered, m.abandoned AS abandoned, m.short_abandoned AS short_abandoned,
    m.moved_unanswered AS moved_unanswered,
    m.callbacks_requested AS callbacks_requested, m.callbacks_dialed AS callbacks_dialed,
    m.callback_wait_ms AS callback_wait_ms, m.abandon_time_ms AS abandon_time_ms,
    m.wait_answered_ms AS wait_answered_ms, m.wait_max_ms AS wait_max_ms,
    m.answered_within_sl AS answered_within_sl, m.csat_responses AS csat_responses,
    m.csat_sum AS csat_sum, m.csat_satisfied AS csat_satisfied,
    m.nps_responses AS nps_responses, m.nps_promoters AS nps_promoters,
    m.nps_detractors AS nps_detractors, m.version AS version
FROM interval_metrics AS m
ASOF LEFT JOIN tenant_utc_offsets AS o
    ON m.tenant_id = o.tenant_id AND m.interval_start >= o.valid_from
WHERE m.interval_size_s = 900;

CREATE OR REPLACE VIEW interval_metrics_localized AS
SELECT
    m.tenant_id AS tenant_id, toDate(m.interval_start + toIntervalSecond(o.utc_offset_s)) AS local_day,
    m.entity_kind AS entity_kind, m.entity_id AS entity_id, m.channel AS channel,
    m.interval_start AS interval_start, o.utc_offset_s AS utc_offset_s,
    m.handled AS handled, m.talk_ms AS talk_ms, m.hold_ms AS hold_ms, m.acw_ms AS acw_ms,
    m.handle_ms AS handle_ms, m.hold_count AS hold_count, m.held_contacts AS held_contacts,
    m.transferred_out AS transferred_out, m.incomplete_legs AS incomplete_legs,
    m.callbacks_handled AS callbacks_handled,
    m.entered AS entered, m.transferred_in AS transferred_in, m.offered AS offered,
    m.answered AS answered, m.abandoned AS abandoned, m.short_abandoned AS short_abandoned,
    m.moved_unanswered AS moved_unanswered,
    m.callbacks_requested AS callbacks_requested, m.callbacks_dialed AS callbacks_dialed,
    m.callback_wait_ms AS callback_wait_ms, m.abandon_time_ms AS abandon_time_ms,
    m.wait_answered_ms AS wait_answered_ms, m.wait_max_ms AS wait_max_ms,
    m.answered_within_sl AS answered_within_sl, m.csat_responses AS csat_responses,
    m.csat_sum AS csat_sum, m.csat_satisfied AS csat_satisfied,
    m.nps_responses AS nps_responses, m.nps_promoters AS nps_promoters,
    m.nps_detractors AS nps_detractors, m.version AS version
FROM (SELECT * FROM interval_metrics FINAL WHERE interval_size_s = 900) AS m
ASOF LEFT JOIN tenant_utc_offsets AS o
    ON m.tenant_id = o.tenant_id AND m.interval_start >= o.valid_from;

-- Days, weeks and months in the tenant's zone (V033), with the callback sums.
CREATE OR REPLACE VIEW daily_metrics AS
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
    SELECT
        tenant_id, entity_kind, entity_id, channel, local_day AS day,
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
    GROUP BY tenant_id, entity_kind, entity_id, channel, day
);

-- ISO weeks (Monday to Sunday; week 1 holds the year's first Thursday), summed from the 15-minute rows
-- directly (one aggregation, not the sums of daily_metrics' sums); days counts the days with a row.
-- week is the Monday; iso_year and iso_week name it (2026-12-28 is in 2026-W53, 2027-01-04 starts 2027-W01).
CREATE OR REPLACE VIEW weekly_metrics AS
SELECT *, toISOYear(week) AS iso_year, toISOWeek(week) AS iso_week,
    if(handled = 0, NULL, handle_ms / handled / 1000)          AS aht_s,
    if(answered = 0, NULL, wait_answered_ms / answered / 1000) AS asa_s,
    if(offered = short_abandoned, NULL, (abandoned - short_abandoned) / (offered - short_abandoned)) AS abandon_rate,
    if(offered = short_abandoned, NULL, answered_within_sl / (offered - short_abandoned))            AS service_level,
    if(handled = 0, NULL, transferred_out / handled)           AS transfer_rate,
    if(csat_responses = 0, NULL, csat_sum / csat_responses)    AS csat_avg,
    if(nps_responses = 0, NULL, 100 * (toInt64(nps_promoters) - toInt64(nps_detractors)) / nps_responses) AS nps
FROM
(
    SELECT
        tenant_id, entity_kind, entity_id, channel, toMonday(local_day) AS week, uniqExact(local_day) AS days,
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
    GROUP BY tenant_id, entity_kind, entity_id, channel, week
);

-- Calendar months of the tenant's zone, summed from the 15-minute rows as the weeks are; month is the
-- first day.
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
    GROUP BY tenant_id, entity_kind, entity_id, channel, month
);
