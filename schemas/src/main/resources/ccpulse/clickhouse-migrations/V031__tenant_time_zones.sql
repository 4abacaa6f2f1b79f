-- Each tenant's time zone, for days, weeks and months in the contact center's own time
-- (docs/metrics.md §12). Written from configuration by `migrate --tenant-time-zone t01=Asia/Kolkata`
-- (TenantTimeZones); a tenant without a row is in UTC.
--
-- ClickHouse's time-zone functions take the zone as a constant, so a view cannot convert each row
-- to its own tenant's zone. The tenant's UTC offsets are rows instead: every offset its zone has
-- from 2012 to 2100 with the instant it starts, from the Java time-zone rules, joined to the
-- interval rows by tenant and time (ASOF JOIN: the latest offset starting at or before the
-- interval). Both tables carry tenant_id, so the access rules' row policies confine them as they
-- do every tenant's rows.
CREATE TABLE IF NOT EXISTS tenant_time_zones
(
    tenant_id LowCardinality(String),
    time_zone LowCardinality(String) COMMENT 'IANA zone id, e.g. America/New_York',
    version   UInt64 COMMENT 'when it was written, epoch millis: the latest wins'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id;

CREATE TABLE IF NOT EXISTS tenant_utc_offsets
(
    tenant_id    LowCardinality(String),
    valid_from   DateTime64(3, 'UTC') COMMENT 'the offset applies from this instant to the next row''s',
    utc_offset_s Int32 COMMENT 'local time minus UTC, seconds (a multiple of 900)',
    time_zone    LowCardinality(String) COMMENT 'the zone the offsets are of'
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, valid_from);
