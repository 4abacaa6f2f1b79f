-- queue_health now holds a row where a figure changed (queue-health.snapshots=on-change, the
-- default; docs/queue-health.md, "Reading a change-only series"): a queue's row holds from its `at`
-- until the queue's next row. Only the oldest wait grows between rows, with time alone; its start,
-- at - oldest_wait_ms, is what a row fixes, so both views give it.

-- Each queue's latest row: what a wallboard shows. The oldest wait now is now - oldest_wait_since.
CREATE OR REPLACE VIEW queue_health_latest AS
SELECT *, if(waiting > 0, at - toIntervalMillisecond(oldest_wait_ms), NULL) AS oldest_wait_since
FROM queue_health FINAL
ORDER BY tenant_id, queue_id, at DESC
LIMIT 1 BY tenant_id, queue_id;

-- Every row with the moment the next one replaced it (NULL for a queue's latest): the span in which
-- its figures held, for time-weighted figures (sum(agents_on_queue * (next_at - at)) / sum(next_at - at)).
CREATE OR REPLACE VIEW queue_health_spans AS
SELECT *,
       if(waiting > 0, at - toIntervalMillisecond(oldest_wait_ms), NULL) AS oldest_wait_since,
       leadInFrame(toNullable(at)) OVER (PARTITION BY tenant_id, queue_id ORDER BY at
                                         ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_at
FROM queue_health FINAL;
