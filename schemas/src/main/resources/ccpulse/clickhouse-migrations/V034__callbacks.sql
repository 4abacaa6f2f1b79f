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
        tenant_id, entity_kind, entity_id, channel, toDate(interval_start) AS day,
        sum(handled) AS handled, sum(talk_ms) AS talk_ms, sum(hold_ms) AS hold_ms, sum(acw_ms) AS acw_ms,
        sum(handle_ms) AS handle_ms, sum(hold_count) AS hold_count, sum(held_contacts) AS held_contacts,
        sum(transferred_out) AS transferred_out, sum(incomplete_legs) AS incomplete_legs,
        sum(callbacks_handled) AS callbacks_handled,
        sum(entered) AS entered, sum(transferred_in) AS transferred_in, sum(offered) AS offered,
        sum(answered) AS answered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned,
        sum(moved_unanswered) AS moved_unanswered,
        sum(callbacks_requested) AS callbacks_requested, sum(callbacks_dialed) AS callbacks_dialed,
        sum(callback_wait_ms) AS callback_wait_ms,
        sum(abandon_time_ms) AS abandon_time_ms,
        sum(wait_answered_ms) AS wait_answered_ms, max(wait_max_ms) AS wait_max_ms,
        sum(answered_within_sl) AS answered_within_sl,
        sum(csat_responses) AS csat_responses, sum(csat_sum) AS csat_sum, sum(csat_satisfied) AS csat_satisfied,
        sum(nps_responses) AS nps_responses, sum(nps_promoters) AS nps_promoters, sum(nps_detractors) AS nps_detractors
    FROM interval_metrics FINAL
    WHERE interval_size_s = 900
    GROUP BY tenant_id, entity_kind, entity_id, channel, day
);
