package io.ccpulse.simulator.importer;

import io.ccpulse.clickhouse.Migrator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the ClickHouse tables keep, and which imported events fall before it: a table's TTL deletes
 * a row once its event time is older than the TTL, at once if it already is when written. History
 * older than that would be computed and then vanish without a word; this says so before anything is
 * published.
 *
 * <p>The TTLs are the migrations' placeholders ({@code defaults.properties}, or the values the
 * database was migrated with, {@code --set name=value}). {@code rejected_events_ttl_days} counts
 * from the rejection, not the event, so it never drops history at once.
 */
public final class Retention {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  /** The placeholders of tables whose TTL counts from an event time, and those tables. */
  static final Map<String, String> TABLES =
      Map.of(
          "interval_ttl_days",
          "interval_metrics, agent_time, ingest_counts, burnout_assessments,"
              + " burnout_level_changes, queue_alerts",
          "fact_ttl_days",
          "contact_facts",
          "queue_health_ttl_days",
          "queue_health");

  private static final String[] ORDER = {
    "interval_ttl_days", "fact_ttl_days", "queue_health_ttl_days"
  };

  private final Map<String, Long> ttlDays = new LinkedHashMap<>();
  private final Map<String, Long> before = new LinkedHashMap<>();
  private final long now;
  private long events;
  private long oldest = Long.MAX_VALUE;

  private Retention(Map<String, Long> ttlDays, long now) {
    this.ttlDays.putAll(ttlDays);
    this.now = now;
    ttlDays.keySet().forEach(k -> before.put(k, 0L));
  }

  /**
   * The retention the migrations give with these placeholder values over their defaults.
   *
   * @param overrides placeholder values, as passed to the migrations with {@code --set}
   * @param now the current time: TTLs count back from it
   */
  public static Retention of(Map<String, String> overrides, Instant now) {
    Map<String, String> values = new LinkedHashMap<>(Migrator.defaults());
    values.putAll(overrides);
    Map<String, Long> days = new LinkedHashMap<>();
    for (String name : ORDER) {
      String v = values.get(name);
      if (v == null) {
        continue;
      }
      try {
        days.put(name, Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number of days, not '" + v + "'");
      }
    }
    return new Retention(days, now.toEpochMilli());
  }

  /** Counts one event. */
  public void add(long occurredAt) {
    events++;
    oldest = Math.min(oldest, occurredAt);
    for (Map.Entry<String, Long> ttl : ttlDays.entrySet()) {
      if (occurredAt < cutoff(ttl.getValue())) {
        before.merge(ttl.getKey(), 1L, Long::sum);
      }
    }
  }

  /** Whether some table would drop some event at once. */
  public boolean losesAny() {
    return before.values().stream().anyMatch(n -> n > 0);
  }

  /** Events before the retention of the tables of {@code placeholder}. */
  public long before(String placeholder) {
    return before.getOrDefault(placeholder, 0L);
  }

  /**
   * The placeholder values that keep every event counted, with a day to spare (a 15-minute or daily
   * row starts before its events; the import and the run take time): only those too short.
   */
  public Map<String, Long> toKeep() {
    Map<String, Long> keep = new LinkedHashMap<>();
    if (events == 0) {
      return keep;
    }
    long needed = Math.floorDiv(now - oldest, DAY_MS) + 2;
    ttlDays.forEach(
        (name, days) -> {
          if (before(name) > 0) {
            keep.put(name, needed);
          }
        });
    return keep;
  }

  /** The {@code --set} arguments that keep every event. */
  public String setArguments() {
    StringBuilder s = new StringBuilder();
    toKeep()
        .forEach(
            (name, days) ->
                s.append(s.isEmpty() ? "" : " ")
                    .append("--set ")
                    .append(name)
                    .append('=')
                    .append(days));
    return s.toString();
  }

  /** A report for a person: per placeholder, the events its tables would drop and since when. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "%,d of %,d events happened before what the ClickHouse tables keep (their TTL, counted"
                + " back from now); written, their rows would be deleted at once:%n",
            before.values().stream().mapToLong(Long::longValue).max().orElse(0), events));
    for (String name : ORDER) {
      if (before(name) > 0) {
        s.append(
            String.format(
                "  %s=%d (%s): %,d events before %s%n",
                name,
                ttlDays.get(name),
                TABLES.get(name),
                before(name),
                Instant.ofEpochMilli(cutoff(ttlDays.get(name)))));
      }
    }
    return s.toString();
  }

  private long cutoff(long days) {
    return now - days * DAY_MS;
  }
}
