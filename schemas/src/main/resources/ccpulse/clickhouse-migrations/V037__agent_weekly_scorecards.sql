-- Weekly agent scorecards (docs/scorecards.md): per agent and ISO week of the tenant's time zone,
-- the week's figures against the expectations (scorecard_targets) and against the agent's own
-- previous weeks, with what stands out listed as flags (value, threshold, why). An aid to talk,
-- not a verdict.

-- Per agent, local ISO week and queue: the completed legs (contact_facts), and the queue's usual
-- handle time that week in the other agents' hands, with the queue's targets (its row, else the
-- tenant's row, else the default written here).
CREATE OR REPLACE VIEW agent_weekly_queues AS
SELECT
    l.tenant_id AS tenant_id, l.agent_id AS agent_id, l.week AS week, l.queue_id AS queue_id,
    l.channel AS channel, l.legs AS legs, l.handle_ms AS handle_ms,
    l.queue_legs - l.legs AS others_legs,
    l.queue_handle_ms - l.handle_ms AS others_handle_ms,
    -- Nobody else handled the queue that week: the agent's own time is the usual (ratio 1).
    if(others_legs = 0, l.handle_ms / l.legs, others_handle_ms / others_legs) / 1000 AS usual_aht_s,
    coalesce(q.aht_vs_usual_min, t.aht_vs_usual_min, 0.80)             AS aht_vs_usual_min,
    coalesce(q.aht_vs_usual_max, t.aht_vs_usual_max, 1.20)             AS aht_vs_usual_max,
    coalesce(q.aht_change_max, t.aht_change_max, 0.20)                 AS aht_change_max,
    coalesce(q.hold_rate_max, t.hold_rate_max, 0.40)                   AS hold_rate_max,
    coalesce(q.hold_rate_rise_max, t.hold_rate_rise_max, 0.15)         AS hold_rate_rise_max,
    coalesce(q.transfer_rate_max, t.transfer_rate_max, 0.15)           AS transfer_rate_max,
    coalesce(q.transfer_rate_rise_max, t.transfer_rate_rise_max, 0.10) AS transfer_rate_rise_max,
    coalesce(q.csat_min, t.csat_min, 3.5)                              AS csat_min,
    coalesce(q.csat_drop_max, t.csat_drop_max, 0.40)                   AS csat_drop_max,
    coalesce(q.nps_min, t.nps_min, nan)                                AS nps_min,
    coalesce(q.nps_drop_max, t.nps_drop_max, nan)                      AS nps_drop_max,
    -- Chat and messaging agents hold several contacts at once: busy with at least one is nearly
    -- always true there, so no default ceiling.
    coalesce(q.occupancy_max, t.occupancy_max, if(l.channel IN ('VOICE', 'EMAIL'), 0.90, nan)) AS occupancy_max,
    coalesce(q.occupancy_rise_max, t.occupancy_rise_max, 0.10)         AS occupancy_rise_max
FROM
(
    SELECT *,
           sum(legs) OVER (PARTITION BY tenant_id, queue_id, week)      AS queue_legs,
           sum(handle_ms) OVER (PARTITION BY tenant_id, queue_id, week) AS queue_handle_ms
    FROM
    (
        SELECT f.tenant_id AS tenant_id, f.agent_id AS agent_id,
               toMonday(toDate(f.at + toIntervalSecond(o.utc_offset_s))) AS week,
               f.queue_id AS queue_id, any(f.channel) AS channel,
               count() AS legs, sum(f.handle_ms) AS handle_ms
        FROM (SELECT tenant_id, agent_id, queue_id, channel, at, handle_ms
              FROM contact_facts FINAL WHERE fact = 'LEG') AS f
        ASOF LEFT JOIN tenant_utc_offsets AS o
            ON f.tenant_id = o.tenant_id AND f.at >= o.valid_from
        GROUP BY tenant_id, agent_id, week, queue_id
    )
) AS l
LEFT JOIN (SELECT * FROM scorecard_targets FINAL WHERE queue_id != '') AS q
    ON q.tenant_id = l.tenant_id AND q.queue_id = l.queue_id
LEFT JOIN (SELECT * FROM scorecard_targets FINAL WHERE queue_id = '') AS t
    ON t.tenant_id = l.tenant_id;

-- Per agent and local ISO week: the figures, the pooled figures of the agent's previous weeks (up
-- to 4 calendar weeks back, the weeks summed, not their rates averaged), the changes, the targets
-- and the flags. A figure is judged only with enough behind it, in the week and, for a change, in
-- the previous weeks too: 100 legs (handle time, hold, transfer), 30 surveys (CSAT, NPS), 20 hours
-- busy or available idle (occupancy); a change not judged is NULL.
CREATE OR REPLACE VIEW agent_weekly_scorecards AS
SELECT
    tenant_id, agent_id, week, toISOYear(week) AS iso_year, toISOWeek(week) AS iso_week, days,
    handled, aht_s, aht_usual_s, aht_vs_usual, hold_rate, transfer_rate,
    csat_responses, csat_avg, nps_responses, nps, logged_in_h, occupancy,
    prev_weeks, prev_handled, prev_aht_vs_usual, prev_hold_rate, prev_transfer_rate,
    prev_csat_responses, prev_csat_avg, prev_nps_responses, prev_nps, prev_occupancy,
    aht_change, hold_rate_change, transfer_rate_change, csat_change, nps_change, occupancy_change,
    t_aht_vs_usual_min, t_aht_vs_usual_max, t_aht_change_max, t_hold_rate_max, t_hold_rate_rise_max,
    t_transfer_rate_max, t_transfer_rate_rise_max, t_csat_min, t_csat_drop_max, t_nps_min,
    t_nps_drop_max, t_occupancy_max, t_occupancy_rise_max,
    CAST(arrayMap(f -> (f.2, round(f.3, 4), round(f.4, 4), f.5),
                  arrayFilter(f -> ifNull(f.1, 0), [
        (judged_aht AND aht_vs_usual > t_aht_vs_usual_max, 'aht_vs_usual', aht_vs_usual, t_aht_vs_usual_max,
         'handle time above the usual of the queues handled'),
        (judged_aht AND aht_vs_usual < t_aht_vs_usual_min, 'aht_vs_usual', aht_vs_usual, t_aht_vs_usual_min,
         'handle time below the usual of the queues handled'),
        (aht_change > t_aht_change_max, 'aht_change', aht_change, t_aht_change_max,
         'handle time rose from own previous weeks (against the usual)'),
        (aht_change < -t_aht_change_max, 'aht_change', aht_change, -t_aht_change_max,
         'handle time fell from own previous weeks (against the usual)'),
        (judged_legs AND hold_rate > t_hold_rate_max, 'hold_rate', hold_rate, t_hold_rate_max,
         'more contacts put on hold than expected'),
        (hold_rate_change > t_hold_rate_rise_max, 'hold_rate_change', hold_rate_change, t_hold_rate_rise_max,
         'more contacts put on hold than in own previous weeks'),
        (judged_legs AND transfer_rate > t_transfer_rate_max, 'transfer_rate', transfer_rate, t_transfer_rate_max,
         'more contacts transferred than expected'),
        (transfer_rate_change > t_transfer_rate_rise_max, 'transfer_rate_change', transfer_rate_change,
         t_transfer_rate_rise_max, 'more contacts transferred than in own previous weeks'),
        (judged_surveys AND csat_avg < t_csat_min, 'csat_avg', csat_avg, t_csat_min,
         'customers rated the contacts lower than expected'),
        (csat_change < -t_csat_drop_max, 'csat_change', csat_change, -t_csat_drop_max,
         'customers rated the contacts lower than in own previous weeks'),
        (judged_nps AND nps < t_nps_min, 'nps', nps, t_nps_min,
         'customers less likely to recommend than expected'),
        (nps_change < -t_nps_drop_max, 'nps_change', nps_change, -t_nps_drop_max,
         'customers less likely to recommend than in own previous weeks'),
        (judged_occupancy AND occupancy > t_occupancy_max, 'occupancy', occupancy, t_occupancy_max,
         'busier than planned: little time between contacts'),
        (occupancy_change > t_occupancy_rise_max, 'occupancy_change', occupancy_change, t_occupancy_rise_max,
         'busier than in own previous weeks')
    ])), 'Array(Tuple(factor String, value Float64, threshold Float64, why String))') AS flags,
    length(flags) AS flag_count
FROM
(
    SELECT *,
        if(prev_fact_legs = 0, NULL, prev_fact_handle_ms / prev_expected_handle_ms)        AS prev_aht_vs_usual,
        if(prev_handled = 0, NULL, prev_held_contacts / prev_handled)                      AS prev_hold_rate,
        if(prev_handled = 0, NULL, prev_transferred_out / prev_handled)                    AS prev_transfer_rate,
        if(prev_csat_responses = 0, NULL, prev_csat_sum / prev_csat_responses)             AS prev_csat_avg,
        if(prev_nps_responses = 0, NULL, 100 * (toInt64(prev_nps_promoters) - toInt64(prev_nps_detractors))
                                         / prev_nps_responses)                            AS prev_nps,
        if(prev_busy_ms + prev_available_idle_ms = 0, NULL,
           prev_busy_ms / (prev_busy_ms + prev_available_idle_ms))                         AS prev_occupancy,
        fact_legs >= 100 AND expected_handle_ms > 0                                        AS judged_aht,
        handled >= 100                                                                    AS judged_legs,
        csat_responses >= 30                                                              AS judged_surveys,
        nps_responses >= 30                                                               AS judged_nps,
        busy_ms + available_idle_ms >= 20 * 3600000                                       AS judged_occupancy,
        if(judged_aht AND prev_fact_legs >= 100, aht_vs_usual / prev_aht_vs_usual - 1, NULL) AS aht_change,
        if(judged_legs AND prev_handled >= 100, hold_rate - prev_hold_rate, NULL)          AS hold_rate_change,
        if(judged_legs AND prev_handled >= 100, transfer_rate - prev_transfer_rate, NULL)  AS transfer_rate_change,
        if(judged_surveys AND prev_csat_responses >= 30, csat_avg - prev_csat_avg, NULL)  AS csat_change,
        if(judged_nps AND prev_nps_responses >= 30, nps - prev_nps, NULL)                 AS nps_change,
        if(judged_occupancy AND prev_busy_ms + prev_available_idle_ms >= 20 * 3600000,
           occupancy - prev_occupancy, NULL)                                              AS occupancy_change
    FROM
    (
        SELECT *,
            if(handled = 0, NULL, handle_ms / handled / 1000)                     AS aht_s,
            if(fact_legs = 0, NULL, expected_handle_ms / fact_legs / 1000)        AS aht_usual_s,
            if(fact_legs = 0, NULL, fact_handle_ms / expected_handle_ms)          AS aht_vs_usual,
            if(handled = 0, NULL, held_contacts / handled)                        AS hold_rate,
            if(handled = 0, NULL, transferred_out / handled)                      AS transfer_rate,
            if(csat_responses = 0, NULL, csat_sum / csat_responses)               AS csat_avg,
            if(nps_responses = 0, NULL, 100 * (toInt64(nps_promoters) - toInt64(nps_detractors)) / nps_responses) AS nps,
            logged_in_ms / 3600000                                                AS logged_in_h,
            if(busy_ms + available_idle_ms = 0, NULL, busy_ms / (busy_ms + available_idle_ms)) AS occupancy,
            -- The previous weeks: up to 4 calendar weeks back, those the agent has rows in.
            count() OVER prev                    AS prev_weeks,
            sum(handled) OVER prev               AS prev_handled,
            sum(held_contacts) OVER prev         AS prev_held_contacts,
            sum(transferred_out) OVER prev       AS prev_transferred_out,
            sum(fact_legs) OVER prev             AS prev_fact_legs,
            sum(fact_handle_ms) OVER prev        AS prev_fact_handle_ms,
            sum(expected_handle_ms) OVER prev    AS prev_expected_handle_ms,
            sum(csat_responses) OVER prev        AS prev_csat_responses,
            sum(csat_sum) OVER prev              AS prev_csat_sum,
            sum(nps_responses) OVER prev         AS prev_nps_responses,
            sum(nps_promoters) OVER prev         AS prev_nps_promoters,
            sum(nps_detractors) OVER prev        AS prev_nps_detractors,
            sum(busy_ms) OVER prev               AS prev_busy_ms,
            sum(available_idle_ms) OVER prev     AS prev_available_idle_ms
        FROM
        (
            SELECT
                tenant_id, agent_id, week, days, handled, handle_ms, held_contacts, transferred_out,
                csat_responses, csat_sum, nps_responses, nps_promoters, nps_detractors,
                logged_in_ms, busy_ms, available_idle_ms,
                m.fact_legs AS fact_legs, m.fact_handle_ms AS fact_handle_ms,
                m.expected_handle_ms AS expected_handle_ms,
                -- Targets of the queues handled, weighted by the legs on each; nan (none) without legs.
                if(fact_legs = 0, nan, m.t_aht_vs_usual_min)       AS t_aht_vs_usual_min,
                if(fact_legs = 0, nan, m.t_aht_vs_usual_max)       AS t_aht_vs_usual_max,
                if(fact_legs = 0, nan, m.t_aht_change_max)         AS t_aht_change_max,
                if(fact_legs = 0, nan, m.t_hold_rate_max)          AS t_hold_rate_max,
                if(fact_legs = 0, nan, m.t_hold_rate_rise_max)     AS t_hold_rate_rise_max,
                if(fact_legs = 0, nan, m.t_transfer_rate_max)      AS t_transfer_rate_max,
                if(fact_legs = 0, nan, m.t_transfer_rate_rise_max) AS t_transfer_rate_rise_max,
                if(fact_legs = 0, nan, m.t_csat_min)               AS t_csat_min,
                if(fact_legs = 0, nan, m.t_csat_drop_max)          AS t_csat_drop_max,
                if(fact_legs = 0, nan, m.t_nps_min)                AS t_nps_min,
                if(fact_legs = 0, nan, m.t_nps_drop_max)           AS t_nps_drop_max,
                if(fact_legs = 0, nan, m.t_occupancy_max)          AS t_occupancy_max,
                if(fact_legs = 0, nan, m.t_occupancy_rise_max)     AS t_occupancy_rise_max
            FROM
            (
                SELECT tenant_id, entity_id AS agent_id, toMonday(local_day) AS week,
                       sum(handled) AS handled, sum(handle_ms) AS handle_ms,
                       sum(held_contacts) AS held_contacts, sum(transferred_out) AS transferred_out,
                       sum(csat_responses) AS csat_responses, sum(csat_sum) AS csat_sum,
                       sum(nps_responses) AS nps_responses, sum(nps_promoters) AS nps_promoters,
                       sum(nps_detractors) AS nps_detractors
                FROM interval_metrics_local FINAL
                WHERE entity_kind = 'AGENT'
                GROUP BY tenant_id, agent_id, week
            ) AS i
            FULL OUTER JOIN
            (
                SELECT a.tenant_id AS tenant_id, a.agent_id AS agent_id,
                       toMonday(toDate(a.interval_start + toIntervalSecond(o.utc_offset_s))) AS week,
                       uniqExact(toDate(a.interval_start + toIntervalSecond(o.utc_offset_s))) AS days,
                       sum(a.logged_in_ms) AS logged_in_ms, sum(a.busy_ms) AS busy_ms,
                       sum(a.available_idle_ms) AS available_idle_ms
                FROM (SELECT * FROM agent_time FINAL WHERE interval_size_s = 900) AS a
                ASOF LEFT JOIN tenant_utc_offsets AS o
                    ON a.tenant_id = o.tenant_id AND a.interval_start >= o.valid_from
                GROUP BY tenant_id, agent_id, week
            ) AS t USING (tenant_id, agent_id, week)
            LEFT JOIN
            (
                SELECT tenant_id, agent_id, week,
                       sum(legs) AS fact_legs, sum(handle_ms) AS fact_handle_ms,
                       sum(legs * usual_aht_s * 1000) AS expected_handle_ms,
                       -- Weighted over the queues with a target (not nan): nan if none has one; to 4 decimals,
                       -- so equal targets average to themselves.
                       round(sumIf(legs * aht_vs_usual_min, NOT isNaN(aht_vs_usual_min)) / sumIf(legs, NOT isNaN(aht_vs_usual_min)), 4)
                           AS t_aht_vs_usual_min,
                       round(sumIf(legs * aht_vs_usual_max, NOT isNaN(aht_vs_usual_max)) / sumIf(legs, NOT isNaN(aht_vs_usual_max)), 4)
                           AS t_aht_vs_usual_max,
                       round(sumIf(legs * aht_change_max, NOT isNaN(aht_change_max)) / sumIf(legs, NOT isNaN(aht_change_max)), 4)
                           AS t_aht_change_max,
                       round(sumIf(legs * hold_rate_max, NOT isNaN(hold_rate_max)) / sumIf(legs, NOT isNaN(hold_rate_max)), 4)
                           AS t_hold_rate_max,
                       round(sumIf(legs * hold_rate_rise_max, NOT isNaN(hold_rate_rise_max)) / sumIf(legs, NOT isNaN(hold_rate_rise_max)), 4)
                           AS t_hold_rate_rise_max,
                       round(sumIf(legs * transfer_rate_max, NOT isNaN(transfer_rate_max)) / sumIf(legs, NOT isNaN(transfer_rate_max)), 4)
                           AS t_transfer_rate_max,
                       round(sumIf(legs * transfer_rate_rise_max, NOT isNaN(transfer_rate_rise_max)) / sumIf(legs, NOT isNaN(transfer_rate_rise_max)), 4)
                           AS t_transfer_rate_rise_max,
                       round(sumIf(legs * csat_min, NOT isNaN(csat_min)) / sumIf(legs, NOT isNaN(csat_min)), 4)
                           AS t_csat_min,
                       round(sumIf(legs * csat_drop_max, NOT isNaN(csat_drop_max)) / sumIf(legs, NOT isNaN(csat_drop_max)), 4)
                           AS t_csat_drop_max,
                       round(sumIf(legs * nps_min, NOT isNaN(nps_min)) / sumIf(legs, NOT isNaN(nps_min)), 4)
                           AS t_nps_min,
                       round(sumIf(legs * nps_drop_max, NOT isNaN(nps_drop_max)) / sumIf(legs, NOT isNaN(nps_drop_max)), 4)
                           AS t_nps_drop_max,
                       round(sumIf(legs * occupancy_max, NOT isNaN(occupancy_max)) / sumIf(legs, NOT isNaN(occupancy_max)), 4)
                           AS t_occupancy_max,
                       round(sumIf(legs * occupancy_rise_max, NOT isNaN(occupancy_rise_max)) / sumIf(legs, NOT isNaN(occupancy_rise_max)), 4)
                           AS t_occupancy_rise_max
                FROM agent_weekly_queues
                GROUP BY tenant_id, agent_id, week
            ) AS m USING (tenant_id, agent_id, week)
        )
        WINDOW prev AS (PARTITION BY tenant_id, agent_id ORDER BY toRelativeWeekNum(week)
                        RANGE BETWEEN 4 PRECEDING AND 1 PRECEDING)
    )
);
