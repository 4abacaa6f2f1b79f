-- The facts behind the intervals: every completed leg, queue outcome and survey, for ad-hoc
-- analysis. Keyed by the fact's identity, so a fact re-emitted after a restart replaces itself; a
-- fact a late event made untrue comes back as a deleting row (is_deleted = 1) and FINAL drops it.
CREATE TABLE IF NOT EXISTS contact_facts
(
    tenant_id      LowCardinality(String),
    interaction_id String,
    fact           LowCardinality(String) COMMENT 'LEG, LEG_INCOMPLETE, ARRIVED, TRANSFERRED_IN, ANSWERED, ABANDONED, MOVED_UNANSWERED, SURVEY',
    at             DateTime64(3, 'UTC') COMMENT 'the event time that places it in an interval',
    channel        LowCardinality(String),
    queue_id       LowCardinality(String),
    agent_id       String,
    customer_id    String COMMENT 'pseudonymous; empty when unknown',
    answered_at    Nullable(DateTime64(3, 'UTC')),
    wait_ms        UInt64,
    talk_ms        UInt64,
    hold_ms        UInt64,
    hold_count     UInt32,
    acw_ms         UInt64,
    handle_ms      UInt64,
    transferred    Bool,
    csat           UInt8,
    version        UInt64,
    is_deleted     UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(at)
ORDER BY (tenant_id, interaction_id, fact, agent_id, queue_id, at)
TTL toDateTime(at) + INTERVAL ${fact_ttl_days} DAY;

-- Repeat contacts (a first-contact-resolution proxy): arrivals of a customer who had arrived
-- before within the window. Parameterised: SELECT * FROM repeat_contacts(window_hours = 72).
CREATE VIEW IF NOT EXISTS repeat_contacts AS
SELECT tenant_id, customer_id, interaction_id, channel, queue_id, at,
       previous_at, dateDiff('second', previous_at, at) / 3600 AS hours_since_previous
FROM
(
    SELECT tenant_id, customer_id, interaction_id, channel, queue_id, at,
           lagInFrame(at) OVER (PARTITION BY tenant_id, customer_id ORDER BY at
                                ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS previous_at,
           row_number() OVER (PARTITION BY tenant_id, customer_id ORDER BY at) AS nth
    FROM contact_facts FINAL
    WHERE fact = 'ARRIVED' AND customer_id != ''
)
WHERE nth > 1 AND dateDiff('second', previous_at, at) <= {window_hours:UInt32} * 3600;
