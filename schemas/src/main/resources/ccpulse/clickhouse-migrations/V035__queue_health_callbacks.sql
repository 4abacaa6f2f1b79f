-- Callbacks owed in queue_health (docs/queue-health.md): requested and not dialed yet, and the age
-- of the oldest of them. Rows written before have 0: none was kept.
ALTER TABLE queue_health
    ADD COLUMN IF NOT EXISTS callbacks_pending UInt32 DEFAULT 0 COMMENT 'callbacks requested in the queue and not dialed yet',
    ADD COLUMN IF NOT EXISTS oldest_callback_ms UInt64 DEFAULT 0 COMMENT 'age of the oldest pending callback (request to at); 0 with none';

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
