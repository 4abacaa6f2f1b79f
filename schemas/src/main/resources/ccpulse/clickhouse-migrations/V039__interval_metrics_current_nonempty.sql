-- The current rows are the intervals with anything in them, as the truth's are (docs/metrics.md §2).
-- A late event can empty an interval an earlier version filled (a wait first seen ending in a
-- transfer at 22:23, then, when its late ANSWERED arrives, answered at 22:22): the window fires
-- again and the correction, a higher version with every figure 0, replaces the row. FINAL keeps
-- that version, and this view leaves it out; sums were never affected.
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
FROM interval_metrics FINAL
WHERE handled + talk_ms + hold_ms + acw_ms + handle_ms + hold_count + held_contacts + transferred_out
    + incomplete_legs + callbacks_handled + entered + transferred_in + offered + answered + abandoned
    + short_abandoned + moved_unanswered + callbacks_requested + callbacks_dialed + callback_wait_ms
    + abandon_time_ms + wait_answered_ms + wait_max_ms + answered_within_sl + csat_responses + csat_sum
    + csat_satisfied + nps_responses + nps_promoters + nps_detractors > 0;
