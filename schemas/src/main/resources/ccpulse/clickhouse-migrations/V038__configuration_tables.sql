-- A tenant's settings are configuration, not the job's output: the access rules (make access,
-- docs/deploy.md "Users and tenants") read a table comment starting with "configuration" and let
-- analysts read their tenant's rows while only the migrator and admins write them; the job, which
-- may insert into every table it computes, gets no right on these.
ALTER TABLE tenant_time_zones MODIFY COMMENT 'configuration: each tenant''s time zone (migrate --tenant-time-zone)';
ALTER TABLE tenant_utc_offsets MODIFY COMMENT 'configuration: the UTC offsets of each tenant''s zone, derived from tenant_time_zones';
ALTER TABLE scorecard_targets MODIFY COMMENT 'configuration: what the weekly agent scorecards expect, per tenant or queue';
