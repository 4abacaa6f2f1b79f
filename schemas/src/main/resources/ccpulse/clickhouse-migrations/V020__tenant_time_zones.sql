-- Each tenant's time zone, for days, weeks and months in the contact center's own time
-- (docs/metrics.md §11). Written from configuration by `migrate --tenant-time-zone t01=Asia/Kolkata`
-- (TenantTimeZones); a tenant without a row is in UTC.
--
-- ClickHouse's time-zone functions take the zone as a constant, so a view cannot convert each row
-- to its own tenant's zone. The zones' UTC offsets are rows instead: every offset a zone has from
-- 2000 to 2100 with the instant it starts, from the Java time-zone rules, joined to the interval
-- rows by tenant and time (ASOF JOIN: the latest offset starting at or before the interval).
CREATE TABLE IF NOT EXISTS tenant_time_zones
(
    tenant_id LowCardinality(String),
    time_zone LowCardinality(String) COMMENT 'IANA zone id, e.g. America/New_York',
    version   UInt64 COMMENT 'when it was written, epoch millis: the latest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id;

CREATE TABLE IF NOT EXISTS time_zone_offsets
(
    time_zone    LowCardinality(String),
    valid_from   DateTime64(3, 'UTC') COMMENT 'the offset applies from this instant to the next row''s',
    utc_offset_s Int32 COMMENT 'local time minus UTC, seconds (a multiple of 900)'
)
ENGINE = ReplacingMergeTree
ORDER BY (time_zone, valid_from);

-- One row per tenant and offset period: what the rollups join on.
CREATE VIEW IF NOT EXISTS tenant_utc_offsets AS
SELECT z.tenant_id AS tenant_id, z.time_zone AS time_zone, o.valid_from AS valid_from, o.utc_offset_s AS utc_offset_s
FROM (SELECT tenant_id, time_zone FROM tenant_time_zones FINAL) AS z
INNER JOIN (SELECT time_zone, valid_from, utc_offset_s FROM time_zone_offsets FINAL) AS o
    ON z.time_zone = o.time_zone;
