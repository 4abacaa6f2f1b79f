package io.ccpulse.pipeline.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccpulse.events.Channel;
import io.ccpulse.pipeline.alert.AlertRule;
import io.ccpulse.pipeline.alert.QueueAlert;
import io.ccpulse.pipeline.json.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live job's messages read back by the metrics job exactly as written: the copy into ClickHouse
 * loses nothing.
 */
class QueueMessagesTest {
  private static final long T = 1_767_600_000_123L; // 2026-01-05T08:00:00.123Z

  @Test
  void aSnapshotRoundTripsWithEveryFigure() {
    QueueSnapshot s = withEveryFigure();
    String json = QueueMessages.toJson(s);
    QueueSnapshot back = QueueMessages.snapshot(json.getBytes(StandardCharsets.UTF_8));

    assertThat(back).usingRecursiveComparison().isEqualTo(s);
    assertThat(json)
        .contains(
            "\"oldest_wait_ms\":75250",
            "\"estimated_wait_s\":83.4",
            "\"agents_required\":9.0",
            "\"callbacks_pending\":2",
            "\"oldest_callback_ms\":600000",
            "\"at\":\"2026-01-05T08:00:00.123Z\"",
            "\"tenant_id\":\"t\\\"01\"");
    assertThat(QueueMessages.toJson(back)).isEqualTo(json);
  }

  @Test
  void aSnapshotWithNothingWaitingNoChannelAndNoRatesRoundTrips() {
    QueueSnapshot s = new QueueSnapshot();
    s.tenantId = "t";
    s.queueId = "q";
    s.at = T;
    String json = QueueMessages.toJson(s);
    assertThat(json)
        .contains(
            "\"channel\":null",
            "\"service_level\":null",
            "\"abandon_rate\":null",
            "\"estimated_wait_s\":null",
            "\"agents_required\":null");
    QueueSnapshot back = QueueMessages.snapshot(json.getBytes(StandardCharsets.UTF_8));
    assertThat(back.channel).isNull();
    assertThat(back.oldestWaitMs()).isZero();
    assertThat(back.serviceLevel()).isNaN();
    assertThat(back.estimatedWaitMs).isEqualTo(-1);
    assertThat(back.agentsRequired).isEqualTo(-1);
    assertThat(QueueMessages.toJson(back)).isEqualTo(json);
    // A message from before the estimates (no such fields) reads as no telling.
    String old = json.replaceAll(",\"arrived\".*}$", "}"); // the estimates were the last fields
    QueueSnapshot before = QueueMessages.snapshot(old.getBytes(StandardCharsets.UTF_8));
    assertThat(old).doesNotContain("estimated_wait_s");
    assertThat(before.estimatedWaitMs).isEqualTo(-1);
    assertThat(before.handleTimeMs).isEqualTo(-1);
  }

  @Test
  void aSnapshotIsReadWhateverTheOrderOfItsFieldsAndOneWithoutAFieldEveryVersionHasIsRefused()
      throws Exception {
    QueueSnapshot s = withEveryFigure();
    ObjectNode fields = (ObjectNode) new ObjectMapper().readTree(QueueMessages.toJson(s));
    List<String> names = new ArrayList<>();
    fields.fieldNames().forEachRemaining(names::add);
    Collections.reverse(names);
    ObjectNode reversed = Json.object();
    names.forEach(n -> reversed.set(n, fields.get(n)));
    reversed.put("added_by_a_later_version", 1).putObject("nested").put("x", 1);
    QueueSnapshot back =
        QueueMessages.snapshot(Json.write(reversed).getBytes(StandardCharsets.UTF_8));
    assertThat(back).usingRecursiveComparison().isEqualTo(s);

    for (String required : new String[] {"tenant_id", "at", "waiting", "open_alerts"}) {
      ObjectNode without = fields.deepCopy();
      without.remove(required);
      byte[] message = Json.write(without).getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> QueueMessages.snapshot(message))
          .as(required)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> QueueMessages.snapshot("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> QueueMessages.snapshot("{\"tenant_id\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void raisedAndClearedAlertsRoundTrip() {
    QueueAlert a = new QueueAlert();
    a.alertId = "a-1";
    a.tenantId = "t01";
    a.queueId = "q";
    a.rule = AlertRule.ABANDON_RATE;
    a.severity = "WARNING";
    a.status = QueueAlert.Status.RAISED;
    a.value = 0.1875;
    a.threshold = 0.15;
    a.raisedAt = T;
    QueueAlert raised = QueueMessages.alert(a.toJson().getBytes(StandardCharsets.UTF_8));
    assertThat(raised).usingRecursiveComparison().isEqualTo(a);

    a.status = QueueAlert.Status.CLEARED;
    a.value = Double.NaN; // the rate had no base any more
    a.clearedAt = T + 60_000;
    QueueAlert cleared = QueueMessages.alert(a.toJson().getBytes(StandardCharsets.UTF_8));
    assertThat(cleared.value).isNaN();
    assertThat(cleared.clearedAt).isEqualTo(T + 60_000);
    assertThat(cleared.toJson()).isEqualTo(a.toJson());
  }

  /** A snapshot with every figure set, none to its default. */
  private static QueueSnapshot withEveryFigure() {
    QueueSnapshot s = new QueueSnapshot();
    s.tenantId = "t\"01";
    s.queueId = "voice/support";
    s.channel = Channel.VOICE;
    s.at = T;
    s.waiting = 3;
    s.oldestWaitSince = T - 75_250;
    s.agentsLoggedIn = 9;
    s.agentsOnQueue = 7;
    s.agentsAvailable = 1;
    s.agentsOnContact = 6;
    s.agentsOnBreak = 2;
    s.offered = 40;
    s.answered = 33;
    s.answeredInSl = 29;
    s.abandoned = 7;
    s.shortAbandoned = 2;
    s.openAlerts = 1;
    s.arrived = 45;
    s.handleTimeMs = 251_500;
    s.estimatedWaitMs = 83_400;
    s.agentsRequired = 9;
    s.callbacksPending = 2;
    s.oldestCallbackSince = T - 600_000;
    return s;
  }
}
