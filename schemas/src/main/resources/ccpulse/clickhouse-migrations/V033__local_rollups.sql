-- Days, ISO weeks and months in each tenant's time zone (docs/metrics.md §12), from the 15-minute
-- rows: sums add up, the longest wait is the longest of the period's, and every rate is computed
-- from the period's sums, never averaged. daily_metrics was UTC days; it is now local days, which
-- for a tenant without a zone (UTC, the default) are the same days as before.
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
        sum(entered) AS entered, sum(transferred_in) AS transferred_in, sum(offered) AS offered,
        sum(answered) AS answered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned,
        sum(moved_unanswered) AS moved_unanswered, sum(abandon_time_ms) AS abandon_time_ms,
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
        sum(entered) AS entered, sum(transferred_in) AS transferred_in, sum(offered) AS offered,
        sum(answered) AS answered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned,
        sum(moved_unanswered) AS moved_unanswered, sum(abandon_time_ms) AS abandon_time_ms,
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
        sum(entered) AS entered, sum(transferred_in) AS transferred_in, sum(offered) AS offered,
        sum(answered) AS answered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned,
        sum(moved_unanswered) AS moved_unanswered, sum(abandon_time_ms) AS abandon_time_ms,
        sum(wait_answered_ms) AS wait_answered_ms, max(wait_max_ms) AS wait_max_ms,
        sum(answered_within_sl) AS answered_within_sl,
        sum(csat_responses) AS csat_responses, sum(csat_sum) AS csat_sum, sum(csat_satisfied) AS csat_satisfied,
        sum(nps_responses) AS nps_responses, sum(nps_promoters) AS nps_promoters, sum(nps_detractors) AS nps_detractors
    FROM interval_metrics_local FINAL
    GROUP BY tenant_id, entity_kind, entity_id, channel, month
);
