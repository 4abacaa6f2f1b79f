package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.clickhouse.Migrator;
import io.ccpulse.clickhouse.TenantTimeZones;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Days, weeks and months in the tenants' own zones, through the real broker, the job and the
 * embedded ClickHouse: 27 simulated hours across New York's 23-hour day (8 March 2026, clocks
 * forward at 07:00 UTC; a Sunday, so the local ISO week changes at its end too), for three contact
 * centers in New York, Kolkata (+05:30) and Kathmandu (+05:45). Every row of daily_metrics,
 * weekly_metrics and monthly_metrics equals the truth's 15-minute rows summed per local period
 * (AnalystViewCheck, with java.time's zones); the same check with a zone off by the daylight saving
 * or by the half or quarter hour finds differences, so it would catch rollups that ignored them.
 */
class LocalTimeRollupsITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Map<String, String> ZONES =
      Map.of("t01", "America/New_York", "t02", "Asia/Kolkata", "t03", "Asia/Kathmandu");

  @Test
  void localPeriodsOfADaylightSavingDayAndOfHalfAndQuarterHourZonesMatchTheTruth()
      throws Exception {
    Scenario scenario =
        Preset.SMALL
            .builder()
            .seed(8)
            .tenants(3)
            .agents(30)
            .start(Instant.parse("2026-03-08T03:00:00Z"))
            .duration(Duration.ofHours(27))
            .build();
    ClickHouseEndpoint endpoint = Endpoints.of(CLICKHOUSE);
    // No margin for inserts in flight before a month is stored: the job is done when it is read.
    new Migrator(endpoint, Map.of("monthly_rollup_margin_s", "0")).migrate();
    TenantTimeZones zones = TenantTimeZones.of(ZONES); // as `migrate --tenant-time-zone` does
    zones.write(endpoint);
    SimulatedDay day =
        SimulatedDay.run(
            scenario,
            KAFKA,
            endpoint,
            "local-time",
            1,
            2,
            Map.of("event-time.watermark-per-event", "true"));

    TruthComparison.Report rows = TruthComparison.compare(day.sim().truth(), endpoint);
    assertThat(rows.differences()).as(rows.summary()).isEmpty();
    AnalystViewCheck.Report views = AnalystViewCheck.check(day.sim().truth(), zones, endpoint);
    assertThat(views.differences()).as(views.summary()).isEmpty();
    assertThat(views.rows().get("daily_metrics")).isGreaterThan(100);
    assertThat(views.rows().get("weekly_metrics")).isGreaterThan(50);
    assertThat(views.rows().get("monthly_metrics")).isGreaterThan(50);
    // The same months once stored by a refresh (V040), read from the store this time.
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement()) {
      st.execute("INSERT INTO monthly_rollup SELECT * FROM monthly_rollup_pending");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT countIf(stored), countIf(NOT stored) FROM monthly_rollup_months")) {
        rs.next();
        assertThat(rs.getLong(1)).as("months stored").isPositive();
        assertThat(rs.getLong(2)).as("months summed from the 15-minute rows").isZero();
      }
    }
    AnalystViewCheck.Report stored = AnalystViewCheck.check(day.sim().truth(), zones, endpoint);
    assertThat(stored.differences()).as(stored.summary()).isEmpty();
    assertThat(stored.rows()).isEqualTo(views.rows());
    try (Connection conn = endpoint.open();
        Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count() FROM interval_metrics_local FINAL WHERE tenant_id = 't01'"
                    + " AND local_day = '2026-03-08' AND entity_kind = 'TENANT_CHANNEL'"
                    + " AND channel = 'VOICE'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("voice quarter hours of the 23-hour day").isBetween(80L, 92L);
    }

    // Wrong zones: UTC for all; New York without its daylight saving; the Indian and Nepalese
    // zones a quarter hour off. Each finds differences in its tenant's rows.
    Map<String, String> wrong = Map.of("t01", "-05:00", "t02", "+05:15", "t03", "+05:30");
    assertThat(AnalystViewCheck.check(day.sim().truth(), endpoint).differences())
        .as("UTC days")
        .isNotEmpty();
    for (Map.Entry<String, String> w : wrong.entrySet()) {
      Map<String, String> zonesWithOneWrong = new HashMap<>(ZONES);
      zonesWithOneWrong.put(w.getKey(), w.getValue());
      AnalystViewCheck.Report off =
          AnalystViewCheck.check(
              day.sim().truth(), TenantTimeZones.of(zonesWithOneWrong), endpoint);
      assertThat(off.differences()).as("%s in %s", w.getKey(), w.getValue()).isNotEmpty();
      assertThat(off.differences()).allSatisfy(d -> assertThat(d).contains(" " + w.getKey() + "/"));
    }
  }
}
