-- open_alerts: an alert is open only while it is the latest of its rule on its queue and has not
-- been cleared. V007 listed every alert without a CLEARED row; after a crash a RAISED the job had
-- sent could stay without its CLEARED for ever (the replay from the last checkpoint may decide
-- differently, e.g. clear it sooner or never raise it), and showed as open next to the alert the
-- job really tracks. The job keeps at most one alert open per queue and rule, so the latest raise
-- of each is the only one that can be open (docs/queue-health.md, "After a crash").
CREATE OR REPLACE VIEW open_alerts AS
SELECT alert_id, tenant_id, queue_id, rule, severity, raised_value, threshold, raised_at
FROM
(
    SELECT *
    FROM queue_alert_history
    ORDER BY tenant_id, queue_id, rule, raised_at DESC, alert_id DESC
    LIMIT 1 BY tenant_id, queue_id, rule
)
WHERE cleared_at IS NULL;
