-- What the weekly agent scorecards expect (docs/scorecards.md): per tenant, or per queue of a
-- tenant. Configuration, written by hand, e.g.
--   INSERT INTO scorecard_targets (tenant_id, queue_id, csat_min, version)
--   VALUES ('t01', 't01.email.claims', 3.2, toUnixTimestamp64Milli(now64()));
-- A column left NULL takes the value of the level above: a queue's row, then the tenant's row
-- (queue_id empty), then the default in the comment (agent_weekly_queues holds the defaults). nan
-- means "no target": nothing is judged on that figure. An agent who worked several queues in a
-- week is held to the mean of their targets, weighted by the contacts handled on each. The latest
-- version of a row wins.
CREATE TABLE IF NOT EXISTS scorecard_targets
(
    tenant_id              LowCardinality(String),
    queue_id               String COMMENT 'a queue, or empty: the tenant''s targets for every queue',
    aht_vs_usual_min       Nullable(Float64) COMMENT 'handle time over the queue''s usual, lowest expected (default 0.80)',
    aht_vs_usual_max       Nullable(Float64) COMMENT 'handle time over the queue''s usual, highest expected (default 1.20)',
    aht_change_max         Nullable(Float64) COMMENT 'change of aht_vs_usual from own previous weeks, either way (default 0.20, 20 %)',
    hold_rate_max          Nullable(Float64) COMMENT 'share of contacts put on hold (default 0.40)',
    hold_rate_rise_max     Nullable(Float64) COMMENT 'rise of hold_rate from own previous weeks, in points (default 0.15)',
    transfer_rate_max      Nullable(Float64) COMMENT 'share of contacts transferred (default 0.15)',
    transfer_rate_rise_max Nullable(Float64) COMMENT 'rise of transfer_rate from own previous weeks, in points (default 0.10)',
    csat_min               Nullable(Float64) COMMENT 'mean survey score, 1-5 (default 3.5)',
    csat_drop_max          Nullable(Float64) COMMENT 'fall of csat_avg from own previous weeks (default 0.40)',
    nps_min                Nullable(Float64) COMMENT 'NPS, -100..100 (no default: nan)',
    nps_drop_max           Nullable(Float64) COMMENT 'fall of NPS from own previous weeks, in points (no default: nan)',
    occupancy_max          Nullable(Float64) COMMENT 'busy / (busy + available idle) (default 0.90 on voice and email queues, nan on chat and messaging)',
    occupancy_rise_max     Nullable(Float64) COMMENT 'rise of occupancy from own previous weeks, in points (default 0.10)',
    version                UInt64 COMMENT 'when written, epoch millis: the latest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, queue_id);
