-- The estimated wait and the staffing gap in queue_health (docs/queue-health.md, "Estimated wait
-- and the staffing gap"). Rows written before have NULL (and 0 arrived): no telling.
ALTER TABLE queue_health
    ADD COLUMN IF NOT EXISTS arrived UInt32 COMMENT 'rolling window: waits started',
    ADD COLUMN IF NOT EXISTS handle_time_s Nullable(Float64) COMMENT 'mean handle time (answer to wrap-up end) of the queue''s legs, latest window with one',
    ADD COLUMN IF NOT EXISTS estimated_wait_s Nullable(Float64) COMMENT 'expected wait of a contact joining now (Erlang-A at its position); NULL: nobody on queue, or no handle time yet',
    ADD COLUMN IF NOT EXISTS agents_required Nullable(Float64) COMMENT 'agents Erlang-A needs for the service-level target at the live rates (whole); gap = agents_required - agents_on_queue';

-- The views select *: recreated, so they carry the new columns.
CREATE OR REPLACE VIEW queue_health_latest AS
SELECT *, if(waiting > 0, at - toIntervalMillisecond(oldest_wait_ms), NULL) AS oldest_wait_since
FROM queue_health FINAL
ORDER BY tenant_id, queue_id, at DESC
LIMIT 1 BY tenant_id, queue_id;

CREATE OR REPLACE VIEW queue_health_spans AS
SELECT *,
       if(waiting > 0, at - toIntervalMillisecond(oldest_wait_ms), NULL) AS oldest_wait_since,
       leadInFrame(toNullable(at)) OVER (PARTITION BY tenant_id, queue_id ORDER BY at
                                         ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_at
FROM queue_health FINAL;
