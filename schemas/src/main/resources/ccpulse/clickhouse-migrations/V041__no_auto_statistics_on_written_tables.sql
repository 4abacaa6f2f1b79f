-- The tables the job writes all day get no automatic column statistics. ClickHouse (26.x) gives
-- every new MergeTree table minmax and uniq statistics on every column (auto_statistics_types),
-- built for each part an INSERT writes and again in every merge: with a part every few seconds per
-- table, that was 10-30 % of ClickHouse's insert and merge work (BENCHMARKS.md, "ClickHouse's CPU
-- per round"). Analysts' queries select by the sorting keys (tenant, entity, time), which the
-- primary index serves without them. Parts written before keep theirs until merged.
ALTER TABLE interval_metrics MODIFY SETTING auto_statistics_types = '';
ALTER TABLE interval_metrics_local MODIFY SETTING auto_statistics_types = '';
ALTER TABLE contact_facts MODIFY SETTING auto_statistics_types = '';
ALTER TABLE contact_resolutions MODIFY SETTING auto_statistics_types = '';
ALTER TABLE agent_time MODIFY SETTING auto_statistics_types = '';
ALTER TABLE burnout_assessments MODIFY SETTING auto_statistics_types = '';
ALTER TABLE burnout_level_changes MODIFY SETTING auto_statistics_types = '';
ALTER TABLE queue_health MODIFY SETTING auto_statistics_types = '';
ALTER TABLE queue_alerts MODIFY SETTING auto_statistics_types = '';
ALTER TABLE ingest_counts MODIFY SETTING auto_statistics_types = '';
ALTER TABLE rejected_events MODIFY SETTING auto_statistics_types = '';
ALTER TABLE sink_rejections MODIFY SETTING auto_statistics_types = '';
ALTER TABLE monthly_rollup_touches MODIFY SETTING auto_statistics_types = '';
