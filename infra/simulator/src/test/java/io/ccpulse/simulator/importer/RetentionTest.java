package io.ccpulse.simulator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.simulator.cli.ImportMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * History older than what the ClickHouse tables keep is never imported silently: the import counts
 * it per TTL, says what to pass to keep it, and publishes nothing without an explicit flag.
 */
class RetentionTest {
  private static final String EXAMPLE = "examples/history.jsonl"; // 26 events of 2025-11-03

  /** Four years and two months after the example's day: past every default TTL (400 days). */
  private static final Clock LATER =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void refusesHistoryBeforeTheTablesRetentionAndSaysWhatKeepsIt() {
    Result r = importExample(LATER);
    assertThat(r.status).as(r.err).isEqualTo(4);
    assertThat(r.err)
        .contains(
            "26 of 26 events happened before what the ClickHouse tables keep",
            "interval_ttl_days=400 (interval_metrics, agent_time,",
            "fact_ttl_days=400 (contact_facts): 26 events before 2028-11-27T00:00:00Z",
            "queue_health_ttl_days=400 (queue_health): 26 events",
            // 1,519 days and 16 hours from the first event to now, and a day to spare
            "--set interval_ttl_days=1521 --set fact_ttl_days=1521 --set queue_health_ttl_days=1521",
            "Nothing was published",
            "--accept-retention-loss")
        .doesNotContain("Imported");
  }

  @Test
  void importsWhatTheGivenRetentionKeeps() {
    Result r =
        importExample(
            LATER,
            "--set",
            "interval_ttl_days=1521",
            "--set",
            "fact_ttl_days=1521",
            "--set=queue_health_ttl_days=1521");
    assertThat(r.status).as(r.err).isZero();
    assertThat(r.err).contains("Imported 26 of 26 events").doesNotContain("before what");
  }

  @Test
  void aRetentionKeepingSomeTablesStillNamesTheOthers() {
    Result r = importExample(LATER, "--set", "interval_ttl_days=5000");
    assertThat(r.status).as(r.err).isEqualTo(4);
    assertThat(r.err)
        .doesNotContain("interval_ttl_days=5000 (")
        .contains("--set fact_ttl_days=1521 --set queue_health_ttl_days=1521");
  }

  @Test
  void importsAnywayWhenTheLossIsAccepted() {
    Result r = importExample(LATER, "--accept-retention-loss");
    assertThat(r.status).as(r.err).isZero();
    assertThat(r.err)
        .contains("26 of 26 events happened before", "Publishing them anyway", "Imported 26 of 26");
  }

  @Test
  void recentHistoryPassesWithoutAWord() {
    Result r = importExample(Clock.fixed(Instant.parse("2025-11-04T00:00:00Z"), ZoneOffset.UTC));
    assertThat(r.status).as(r.err).isZero();
    assertThat(r.err).doesNotContain("before what");
  }

  @Test
  void countsPerTtlFromNow() {
    Retention r =
        Retention.of(
            Map.of("interval_ttl_days", "10", "fact_ttl_days", "20"),
            Instant.parse("2026-01-31T00:00:00Z"));
    r.add(Instant.parse("2026-01-25T00:00:00Z").toEpochMilli()); // kept by both
    r.add(Instant.parse("2026-01-15T00:00:00Z").toEpochMilli()); // 16 days old: intervals drop it
    r.add(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()); // 30 days: both drop it
    assertThat(r.before("interval_ttl_days")).isEqualTo(2);
    assertThat(r.before("fact_ttl_days")).isEqualTo(1);
    assertThat(r.before("queue_health_ttl_days")).isZero(); // its default, 400 days, keeps all
    assertThat(r.losesAny()).isTrue();
  }

  private record Result(int status, String err) {}

  private static Result importExample(Clock clock, String... more) {
    List<String> args = new ArrayList<>(List.of("--input", EXAMPLE, "--output", "none"));
    args.addAll(List.of(more));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ImportMain.run(
            args.toArray(String[]::new),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            clock);
    return new Result(status, err.toString(StandardCharsets.UTF_8));
  }
}
