package io.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.clickhouse.ClickHouseEndpoint;
import io.ccpulse.events.EventCodec;
import io.ccpulse.events.InteractionEvent;
import io.ccpulse.events.InteractionType;
import io.ccpulse.infra.clickhouse.ClickHouseExtension;
import io.ccpulse.infra.kafka.KafkaBrokerExtension;
import io.ccpulse.simulator.engine.UnderstaffingReport;
import io.ccpulse.simulator.output.DeliveredRecord;
import io.ccpulse.simulator.output.EventStream;
import io.ccpulse.simulator.scenario.CallbackSettings;
import io.ccpulse.simulator.scenario.FaultSettings;
import io.ccpulse.simulator.scenario.Preset;
import io.ccpulse.simulator.scenario.Scenario;
import io.ccpulse.simulator.scenario.Understaffing;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One queue loses its staff for 30 simulated minutes (the simulator's understaffing stretch): the
 * job raises its alerts on the Kafka topic and in ClickHouse during the stretch, once each, and
 * clears them once staffing has returned. The rest of the day's alerts are printed for reference.
 */
class QueueAlertsEndToEndITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void anUnderstaffedQueueRaisesItsAlertsOnceAndClearsThemWhenStaffingReturns() throws Exception {
    // Seed 3: the queue's last busy agent finishes at 10:07:12 (agents end the contact they are
    // on).
    Scenario scenario =
        Preset.DEFAULT
            .builder()
            .seed(3)
            .duration(Duration.ofHours(3))
            .understaffing(Understaffing.at(Duration.ofHours(2)))
            // No callbacks: callers who take one neither wait on nor abandon, and the stretch's
            // abandons are what the abandon-rate rule must catch here.
            .callbacks(CallbackSettings.defaults().withAcceptShare(0))
            .build();
    SimulatedDay day = SimulatedDay.run(scenario, KAFKA, CLICKHOUSE, "queue-alerts-e2e");
    UnderstaffingReport stretch = day.sim().understaffing().orElseThrow();
    System.out.println(stretch.summary());
    RunSummary.printAlerts(day.endpoint(), System.out);
    assertThat(stretch.allUnavailableAt())
        .isNotNull()
        .isBefore(stretch.end().minus(Duration.ofMinutes(10)));
    assertThat(stretch.firstBackAt()).isNotNull();

    List<AlertMessage> messages =
        TopicMessages.read(KAFKA, day.alerts()).stream().map(AlertMessage::parse).toList();
    List<AlertMessage> queue =
        messages.stream().filter(m -> m.queueId().equals(stretch.queueId())).toList();
    assertThat(queue)
        .allSatisfy(
            m -> assertThat(m.key()).isEqualTo(stretch.tenantId() + "/" + stretch.queueId()));

    queue.forEach(m -> System.out.println("  " + m));

    // Raised during the stretch: nobody on queue from the moment the last agent left, and the
    // waits and abandons that follow from it (service level may already be open from the peak
    // before).
    List<AlertMessage> raised =
        queue.stream()
            .filter(
                m ->
                    m.status().equals("RAISED")
                        && !m.raisedAt().isBefore(stretch.start())
                        && m.raisedAt().isBefore(stretch.end()))
            .toList();
    assertThat(raised)
        .extracting(AlertMessage::rule)
        .contains("no-agent-available", "oldest-wait", "abandon-rate");
    List<AlertMessage> nobody =
        queue.stream()
            .filter(m -> m.rule().equals("no-agent-available") && m.status().equals("RAISED"))
            .toList();
    assertThat(nobody)
        .as("nobody on queue: raised once, when the last agent left, on the event that said so")
        .extracting(AlertMessage::raisedAt)
        .containsExactly(stretch.allUnavailableAt());

    // Each cleared once; nobody-on-queue once staffing returned, all within minutes of it (the
    // rates
    // once the stretch has left their 15-minute window).
    for (AlertMessage r : raised) {
      List<AlertMessage> clears =
          queue.stream()
              .filter(m -> m.alertId().equals(r.alertId()) && m.status().equals("CLEARED"))
              .toList();
      assertThat(clears).as("clears of %s", r).hasSize(1);
      assertThat(clears.get(0).clearedAt())
          .as("%s cleared", r)
          .isBefore(stretch.end().plus(Duration.ofMinutes(25)));
    }
    AlertMessage nobodyCleared =
        queue.stream()
            .filter(
                m -> m.alertId().equals(nobody.get(0).alertId()) && m.status().equals("CLEARED"))
            .findFirst()
            .orElseThrow();
    assertThat(nobodyCleared.clearedAt())
        .isAfter(stretch.firstBackAt())
        .isBefore(stretch.firstBackAt().plus(Duration.ofMinutes(2)));
    assertThat(messages.stream().map(m -> m.alertId() + "/" + m.status()).distinct().count())
        .as("one message per raise and per clear")
        .isEqualTo(messages.size());

    // ClickHouse holds the same raises and clears, and none of the stretch's alerts is open.
    Set<String> inClickHouse = new HashSet<>();
    Set<String> open = new HashSet<>();
    try (Connection c = day.endpoint().open();
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT alert_id, status FROM queue_alerts FINAL")) {
        while (rs.next()) {
          inClickHouse.add(rs.getString(1) + "/" + rs.getString(2));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT alert_id FROM open_alerts")) {
        while (rs.next()) {
          open.add(rs.getString(1));
        }
      }
      // The snapshots show the stretch: nobody on queue and contacts waiting, then staff again.
      // They are written where a figure changed; read at every 10 s step (docs/queue-health.md,
      // "Reading a change-only series"), each step takes the queue's latest row at or before it.
      java.time.Instant from =
          stretch
              .allUnavailableAt()
              .plusSeconds(60)
              .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      long steps = Duration.between(from, stretch.end()).toSeconds() / 10;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(), max(h.agents_on_queue), max(h.waiting),"
                  + " max(if(h.waiting > 0, h.oldest_wait_ms + dateDiff('millisecond', h.at, s.t), 0))"
                  + " FROM (SELECT '"
                  + stretch.tenantId()
                  + "' AS tenant_id, '"
                  + stretch.queueId()
                  + "' AS queue_id, parseDateTime64BestEffort('"
                  + from
                  + "', 3) + toIntervalSecond(10 * number) AS t FROM numbers("
                  + steps
                  + ")) AS s ASOF JOIN (SELECT * FROM queue_health FINAL) AS h"
                  + " ON s.tenant_id = h.tenant_id AND s.queue_id = h.queue_id AND s.t >= h.at")) {
        rs.next();
        assertThat(rs.getLong(1))
            .as("10 s steps in the stretch with a row in force")
            .isEqualTo(steps);
        assertThat(steps).isGreaterThan(100);
        assertThat(rs.getInt(2)).as("agents on queue during the stretch").isZero();
        assertThat(rs.getInt(3)).as("contacts waiting during the stretch").isPositive();
        assertThat(rs.getLong(4)).as("oldest wait").isGreaterThan(120_000);
      }
      // The latest row of the queue says since when its oldest contact waits, if one does.
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(), countIf((waiting > 0) = isNotNull(oldest_wait_since))"
                  + " FROM queue_health_latest")) {
        rs.next();
        assertThat(rs.getLong(1)).isPositive();
        assertThat(rs.getLong(2)).isEqualTo(rs.getLong(1));
      }
    }
    assertThat(inClickHouse)
        .containsExactlyInAnyOrderElementsOf(
            messages.stream().map(m -> m.alertId() + "/" + m.status()).toList());
    assertThat(open)
        .doesNotContainAnyElementsOf(raised.stream().map(AlertMessage::alertId).toList());

    // Every query of the Grafana dashboards runs on this day and returns rows, as the plugin would
    // send it for 08:00-12:00 (Grafana itself cannot run here).
    GrafanaDashboards.Report dashboards =
        GrafanaDashboards.runAll(
            day.endpoint(), scenario.start(), scenario.start().plus(Duration.ofHours(4)));
    dashboards.ran().forEach(r -> System.out.println("  dashboard query " + r));
    assertThat(dashboards.problems()).isEmpty();
    assertThat(dashboards.ran()).hasSizeGreaterThan(20);
  }

  /**
   * The same stretch with callbacks on (the default): callers of the understaffed queue ask to be
   * called back, so callbacks are owed in its queue_health rows, the oldest for minutes, each row's
   * count equal to the callbacks requested and not yet dialed by its moment, and none at the end.
   */
  @Test
  void callbacksOwedDuringTheStretchShowInQueueHealth() throws Exception {
    Scenario scenario =
        Preset.DEFAULT
            .builder()
            .seed(3)
            .duration(Duration.ofHours(3))
            .understaffing(Understaffing.at(Duration.ofHours(2)))
            .faults(FaultSettings.none())
            .build();
    // A database of its own: the other test's rows of the same queues and moments must not mix in.
    String database = CLICKHOUSE.database() + "_callbacks";
    SimulatedDay day =
        SimulatedDay.run(
            scenario,
            KAFKA,
            new ClickHouseEndpoint(CLICKHOUSE.serverJdbcUrl(), database, "default", Map.of()),
            "queue-callbacks-e2e",
            1,
            2,
            Map.of("event-time.watermark-per-event", "true"));
    UnderstaffingReport stretch = day.sim().understaffing().orElseThrow();
    assertThat(day.sim().stats().callbacksRequested()).isPositive();
    // What the simulated events say was owed, per queue, at each moment.
    Map<String, TreeMap<Long, Integer>> owed = new HashMap<>();
    EventCodec<InteractionEvent> codec = EventCodec.interactions();
    for (DeliveredRecord r : day.sim().records(EventStream.INTERACTIONS)) {
      InteractionEvent i = codec.decode(r.value()).event();
      if ((i.getType() == InteractionType.CALLBACK_REQUESTED
          || i.getType() == InteractionType.CALLBACK_DIALED)) {
        owed.computeIfAbsent(i.getQueueId(), q -> new TreeMap<>())
            .merge(
                i.getOccurredAt().toEpochMilli(),
                i.getType() == InteractionType.CALLBACK_REQUESTED ? 1 : -1,
                Integer::sum);
      }
    }
    int rows = 0;
    int withCallbacks = 0;
    try (Connection c = day.endpoint().open();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT queue_id, toUnixTimestamp64Milli(at), callbacks_pending, oldest_callback_ms"
                    + " FROM queue_health FINAL")) {
      while (rs.next()) {
        TreeMap<Long, Integer> steps = owed.getOrDefault(rs.getString(1), new TreeMap<>());
        int expected = steps.headMap(rs.getLong(2), true).values().stream().mapToInt(n -> n).sum();
        assertThat(rs.getInt(3))
            .as(
                "%s at %s, owed steps around it: %s",
                rs.getString(1),
                java.time.Instant.ofEpochMilli(rs.getLong(2)),
                steps.subMap(rs.getLong(2) - 600_000, rs.getLong(2) + 600_000).entrySet().stream()
                    .map(x -> java.time.Instant.ofEpochMilli(x.getKey()) + "=" + x.getValue())
                    .toList())
            .isEqualTo(expected);
        rows++;
        withCallbacks += rs.getInt(3) > 0 ? 1 : 0;
        if (rs.getString(1).equals(stretch.queueId()) && rs.getInt(3) > 0) {
          assertThat(rs.getLong(4)).isPositive();
        }
      }
    }
    assertThat(rows).isGreaterThan(1000);
    assertThat(withCallbacks).isPositive();
    try (Connection c = day.endpoint().open();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT countIf(callbacks_pending = 0), count()" + " FROM queue_health_latest")) {
      rs.next();
      assertThat(rs.getLong(1)).as("no callback owed at the end").isEqualTo(rs.getLong(2));
    }
  }
}
