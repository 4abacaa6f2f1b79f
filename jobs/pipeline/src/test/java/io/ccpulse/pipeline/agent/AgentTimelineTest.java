package io.ccpulse.pipeline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.events.AgentState;
import io.ccpulse.events.AgentStateEvent;
import io.ccpulse.pipeline.key.TenantKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentTimelineTest {
  private KeyedOneInputStreamOperatorTestHarness<TenantKey, AgentInput, AgentTimeRow> harness;
  private int eventNo;

  @BeforeEach
  void setUp() throws Exception {
    open(Duration.ZERO);
  }

  private void open(Duration lateness) throws Exception {
    if (harness != null) {
      harness.close();
    }
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new AgentTimeline(
                    List.of(Duration.ofMinutes(15)),
                    lateness,
                    Duration.ofDays(1),
                    Duration.ofHours(12))),
            AgentInput::key,
            TypeInformation.of(TenantKey.class));
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static long at(String hhmm) {
    return Instant.parse("2026-01-05T" + hhmm + ":00Z").toEpochMilli();
  }

  private void presence(String hhmm, AgentState state) throws Exception {
    AgentStateEvent e =
        AgentStateEvent.newBuilder()
            .setEventId("s-" + (++eventNo))
            .setTenantId("acme")
            .setAgentId("a-1")
            .setState(state)
            .setOccurredAt(Instant.ofEpochMilli(at(hhmm)))
            .setQueueIds(List.of("q"))
            .build();
    AgentInput in =
        AgentInput.of(io.ccpulse.pipeline.source.Inbound.of(e, "agent-states", 0, eventNo));
    harness.processElement(new StreamRecord<>(in, in.at));
  }

  private void leg(String hhmm, int delta) throws Exception {
    AgentInput in = new AgentInput();
    in.tenantId = "acme";
    in.agentId = "a-1";
    in.at = at(hhmm);
    in.legDelta = delta;
    harness.processElement(new StreamRecord<>(in, in.at));
  }

  private AgentTime row(String start) {
    List<AgentTimeRow> rows = harness.extractOutputValues();
    return rows.stream()
        .filter(r -> r.intervalStart == at(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + start + " in " + rows))
        .time;
  }

  @Test
  void splitsAShiftIntoQuarterHours() throws Exception {
    presence("08:55", AgentState.LOGGED_IN);
    presence("09:00", AgentState.AVAILABLE);
    leg("09:05", +1);
    leg("09:12", -1);
    presence("09:20", AgentState.BREAK);
    presence("09:35", AgentState.AVAILABLE);
    leg("09:40", +1);
    leg("09:52", -1); // busy across 09:45
    presence("10:00", AgentState.LOGGED_OUT);
    harness.processWatermark(new Watermark(at("10:30")));

    AgentTime first = row("08:45"); // 08:55–09:00 logged in, not available
    assertThat(first.loggedInMs).isEqualTo(Duration.ofMinutes(5).toMillis());
    assertThat(first.availableMs).isZero();

    AgentTime q0900 = row("09:00"); // available 15 min, busy 09:05–09:12
    assertThat(q0900.loggedInMs).isEqualTo(Duration.ofMinutes(15).toMillis());
    assertThat(q0900.availableMs).isEqualTo(Duration.ofMinutes(15).toMillis());
    assertThat(q0900.busyMs).isEqualTo(Duration.ofMinutes(7).toMillis());
    assertThat(q0900.availableIdleMs).isEqualTo(Duration.ofMinutes(8).toMillis());
    assertThat(q0900.occupancy()).isEqualTo(7.0 / 15);

    AgentTime q0915 = row("09:15"); // available 5, break 10
    assertThat(q0915.availableMs).isEqualTo(Duration.ofMinutes(5).toMillis());
    assertThat(q0915.busyMs).isZero();
    assertThat(q0915.loggedInMs).isEqualTo(Duration.ofMinutes(15).toMillis());

    AgentTime q0930 = row("09:30"); // break until 09:35, available 10, busy 09:40–09:45
    assertThat(q0930.availableMs).isEqualTo(Duration.ofMinutes(10).toMillis());
    assertThat(q0930.busyMs).isEqualTo(Duration.ofMinutes(5).toMillis());
    assertThat(q0930.availableIdleMs).isEqualTo(Duration.ofMinutes(5).toMillis());

    AgentTime q0945 = row("09:45"); // busy 09:45–09:52, idle until 10:00
    assertThat(q0945.busyMs).isEqualTo(Duration.ofMinutes(7).toMillis());
    assertThat(q0945.availableIdleMs).isEqualTo(Duration.ofMinutes(8).toMillis());

    assertThat(harness.extractOutputValues()).hasSize(5); // nothing after logging out
    assertThat(harness.numKeyedStateEntries())
        .as("only the duplicate ids (TTL) remain")
        .isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void timeAdvancesWithoutEventsWhileTheAgentIsOnAContact() throws Exception {
    presence("09:00", AgentState.AVAILABLE);
    leg("09:01", +1);
    harness.processWatermark(new Watermark(at("10:00")));
    assertThat(harness.extractOutputValues())
        .extracting(r -> r.time.busyMs)
        .containsExactly(
            Duration.ofMinutes(14).toMillis(),
            Duration.ofMinutes(15).toMillis(),
            Duration.ofMinutes(15).toMillis(),
            Duration.ofMinutes(15).toMillis());
  }

  @Test
  void runsTheLatenessBehindSoALateChangeStillCountsWhereItHappened() throws Exception {
    open(Duration.ofMinutes(5));
    presence("09:00", AgentState.AVAILABLE);
    harness.processWatermark(new Watermark(at("09:14")));
    presence("09:10", AgentState.BREAK); // 4 minutes behind the watermark: within the lateness
    harness.processWatermark(new Watermark(at("09:19")));
    assertThat(harness.extractOutputValues()).as("09:00–09:15 waits for the lateness").isEmpty();
    harness.processWatermark(new Watermark(at("09:20")));
    AgentTime q0900 = row("09:00");
    assertThat(q0900.availableMs).isEqualTo(Duration.ofMinutes(10).toMillis());
    assertThat(q0900.loggedInMs).isEqualTo(Duration.ofMinutes(15).toMillis());

    presence("09:12", AgentState.AVAILABLE); // 8 minutes behind: too late
    var rejected = harness.getSideOutput(AgentTimeline.REJECTED);
    assertThat(rejected).hasSize(1);
    assertThat(rejected.peek().getValue().reason).isEqualTo("TOO_LATE");
  }

  @Test
  void anAgentWhoseLogoutNeverCameIsLoggedOutAfterTwelveSilentHoursAndForgotten() throws Exception {
    presence("07:00", AgentState.LOGGED_IN);
    presence("07:01", AgentState.AVAILABLE);
    leg("08:00", +1);
    leg("08:05", -1); // then nothing: the logout is lost
    harness.processWatermark(new Watermark(at("23:45")));

    List<AgentTimeRow> rows = harness.extractOutputValues();
    // Logged in until the first boundary 12 h after the last input (08:05): 20:15.
    assertThat(rows).extracting(r -> r.intervalStart).doesNotHaveDuplicates().hasSize(53);
    assertThat(rows).last().satisfies(r -> assertThat(r.intervalStart).isEqualTo(at("20:00")));
    assertThat(row("20:00").loggedInMs).isEqualTo(15 * 60_000);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).as("only the duplicate ids (TTL)").isEqualTo(1);
  }

  @Test
  // Before the guard this looped forever on boundary timers: fail instead of hanging the build.
  @org.junit.jupiter.api.Timeout(
      value = 10,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void stopsAtTheEndOfABoundedInputWithAnAgentStillLoggedIn() throws Exception {
    presence("09:00", AgentState.AVAILABLE);
    presence("09:20", AgentState.BREAK);
    harness.processWatermark(new Watermark(Long.MAX_VALUE));
    assertThat(harness.extractOutputValues())
        .extracting(r -> r.intervalStart)
        .containsExactly(at("09:00"));
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void flushesTheLastIntervalWhenABoundedInputEndsAfterTheAgentLoggedOut() throws Exception {
    presence("09:00", AgentState.AVAILABLE);
    presence("09:07", AgentState.LOGGED_OUT);
    harness.processWatermark(new Watermark(Long.MAX_VALUE));
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(r -> assertThat(r.time.availableMs).isEqualTo(Duration.ofMinutes(7).toMillis()));
  }

  @Test
  void dropsDuplicatePresenceEvents() throws Exception {
    AgentInput login = new AgentInput();
    login.tenantId = "acme";
    login.agentId = "a-1";
    login.at = at("09:00");
    login.state = AgentState.AVAILABLE;
    login.eventId = "s-1";
    AgentInput logout = new AgentInput();
    logout.tenantId = "acme";
    logout.agentId = "a-1";
    logout.at = at("09:05");
    logout.state = AgentState.LOGGED_OUT;
    logout.eventId = "s-2";
    harness.processElement(new StreamRecord<>(login, login.at));
    harness.processElement(new StreamRecord<>(logout, logout.at));
    harness.processElement(new StreamRecord<>(login, login.at)); // duplicate: must not log in again
    harness.processWatermark(new Watermark(at("10:00")));
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(r -> assertThat(r.time.availableMs).isEqualTo(Duration.ofMinutes(5).toMillis()));
  }
}
